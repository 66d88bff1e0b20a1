//! JSON text for the files case-export writes: string literals only (the
//! files are built by hand, so the browser build needs no serializer).

/// A JSON string literal. JSON requires escaping only `"`, `\` and control
/// characters below U+0020; everything else, non-ASCII included, is written
/// as UTF-8. U+2028/U+2029 are escaped too, harmless and safer for any
/// consumer that treats the file as JavaScript.
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
