//! Element builders shared by the views, for the shapes that recur many
//! times. Each `html!` element is its own inlined construction in the
//! wasm; a call to a shared builder is a fraction of that size.

use yew::prelude::*;
use yew::virtual_dom::AttrValue;

/// `<tag class="class">text</tag>`.
pub fn text_el(tag: &'static str, class: &'static str, text: impl Into<AttrValue>) -> Html {
    text_node(tag, class, text.into())
}

/// A boolean attribute value (`data-closed`, `aria-pressed`): a static
/// string instead of a formatted one.
pub fn flag(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

fn text_node(tag: &'static str, class: &'static str, text: AttrValue) -> Html {
    html! { <@{tag} {class}>{ text }</@> }
}
