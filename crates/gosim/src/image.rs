//! Program images: a compiled program (or its compile errors) as bytes, so
//! that one host can compile and another run.
//!
//! The browser page runs programs but does not carry the compiler: the
//! cases' programs are compiled at build time and their images fetched with
//! the case, and an edited program is compiled by a worker that sends its
//! image back. This module owns that byte format and nothing else: it does
//! no I/O and knows nothing about who stores or sends an image.
//!
//! An image starts with a magic word and a fingerprint of the instruction
//! set and type tables. A page whose cached image came from another build of
//! gosim gets [`ImageError::Stale`] and compiles again, rather than running
//! bytecode that means something else now.

use crate::program::CompileErrors;
use crate::vm::op::Program;
use crate::vm::value::Value;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::rc::Rc;

/// What compiling a program gave: the program, or `go build`'s errors.
pub type Compiled = Result<Rc<Program>, CompileErrors>;

const MAGIC: &[u8; 8] = b"gosimimg";

/// Changes whenever a file that defines an encoded type changes, so an
/// image made by another gosim is recognised as such. Hashing whole files
/// errs on the side of "stale" (a comment edit invalidates images too),
/// which costs a recompile, never a wrong run.
const FINGERPRINT: u64 = {
    let parts: [&str; 7] = [
        include_str!("vm/op.rs"),
        include_str!("types.rs"),
        include_str!("vm/natives.rs"),
        include_str!("vm/value.rs"),
        include_str!("syntax/span.rs"),
        include_str!("program.rs"),
        include_str!("image.rs"),
    ];
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut p = 0;
    while p < parts.len() {
        let bytes = parts[p].as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            h ^= bytes[i] as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
            i += 1;
        }
        p += 1;
    }
    h
};

/// Why bytes are not a usable image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageError {
    /// Not an image at all (no magic word).
    NotAnImage,
    /// An image from another build of gosim.
    Stale,
    /// The right header, but the body does not decode.
    Damaged,
}

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ImageError::NotAnImage => "not a gosim program image",
            ImageError::Stale => "a program image from another version of gosim",
            ImageError::Damaged => "a damaged program image",
        })
    }
}

/// The image of a compile result.
pub fn encode(compiled: &Compiled) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FINGERPRINT.to_le_bytes());
    let body = match compiled {
        Ok(prog) => postcard::to_extend(&Body::Program(prog), out),
        Err(errors) => postcard::to_extend(&Body::Errors(errors), out),
    };
    // Only a constant that is not a constant could fail here: the compiler
    // pushes nothing else.
    body.expect("a compiled program encodes")
}

/// The compile result an image holds.
pub fn decode(bytes: &[u8]) -> Result<Compiled, ImageError> {
    let rest = bytes.strip_prefix(MAGIC).ok_or(ImageError::NotAnImage)?;
    let (fingerprint, body) = rest.split_at_checked(8).ok_or(ImageError::Damaged)?;
    if fingerprint != FINGERPRINT.to_le_bytes() {
        return Err(ImageError::Stale);
    }
    match postcard::from_bytes::<OwnedBody>(body).map_err(|_| ImageError::Damaged)? {
        OwnedBody::Program(mut prog) => {
            prog.types.reintern();
            Ok(Ok(Rc::new(*prog)))
        }
        OwnedBody::Errors(errors) => Ok(Err(errors)),
    }
}

#[derive(Serialize)]
enum Body<'a> {
    Program(&'a Program),
    Errors(&'a CompileErrors),
}

/// `Body` as read back (same variants, same order).
#[derive(Deserialize)]
enum OwnedBody {
    Program(Box<Program>),
    Errors(CompileErrors),
}

/// The values an instruction can carry: the constants the compiler pushes.
#[derive(Serialize, Deserialize)]
enum ConstWire {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Vec<u8>),
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let wire = match self {
            Value::Nil => ConstWire::Nil,
            Value::Bool(b) => ConstWire::Bool(*b),
            Value::Int(i) => ConstWire::Int(*i),
            Value::Float(f) => ConstWire::Float(*f),
            Value::Str(b) => ConstWire::Str(b.to_vec()),
            _ => return Err(serde::ser::Error::custom("not a constant")),
        };
        wire.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        Ok(match ConstWire::deserialize(d)? {
            ConstWire::Nil => Value::Nil,
            ConstWire::Bool(b) => Value::Bool(b),
            ConstWire::Int(i) => Value::Int(i),
            ConstWire::Float(f) => Value::Float(f),
            ConstWire::Str(b) => Value::Str(b.into()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RunConfig;

    const PROG: &str = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tch := make(chan string, 1)\n\tch <- \"hi\"\n\tfmt.Println(<-ch, 1.5, true)\n}\n";

    #[test]
    fn a_program_survives_the_round_trip_and_runs_the_same() {
        let cfg = RunConfig::default();
        let compiled = crate::program::compile(PROG, &cfg);
        let bytes = encode(&compiled);
        let back = decode(&bytes).expect("decodes").expect("compiled");
        let direct = crate::run(PROG, &cfg);
        let mut session =
            crate::session::Session::with_program(back, &cfg, crate::session::StepBy::Statement);
        session.run(usize::MAX);
        assert_eq!(session.snapshot().stdout.as_bytes(), direct.stdout);
        assert_eq!(direct.stdout, b"hi 1.5 true\n");
    }

    #[test]
    fn errors_survive_and_bad_bytes_are_refused() {
        let cfg = RunConfig::default();
        let compiled = crate::program::compile("package main\nfunc main() { x }\n", &cfg);
        let errors = compiled.clone().expect_err("does not compile");
        let back = decode(&encode(&compiled)).expect("decodes");
        assert_eq!(back.expect_err("errors"), errors);

        let good = encode(&crate::program::compile(PROG, &cfg));
        assert_eq!(decode(b"hello").unwrap_err(), ImageError::NotAnImage);
        let mut stale = good.clone();
        stale[MAGIC.len()] ^= 1;
        assert_eq!(decode(&stale).unwrap_err(), ImageError::Stale);
        for cut in [
            MAGIC.len() + 3,
            MAGIC.len() + 8,
            good.len() / 2,
            good.len() - 1,
        ] {
            assert!(decode(&good[..cut]).is_err(), "cut at {cut}");
        }
    }
}
