//! Element builders shared by the views and the playground, for the shapes
//! that recur many times, and the one callback builder they share. Each `html!` element is its own inlined construction in the
//! wasm; a call to a shared builder is a fraction of that size.
//!
//! Class values that are not literals are set here too: `class={..}` in
//! `html!` turns every value into a `Classes` set (an index set, split on
//! whitespace and joined again), and with no such use left that machinery
//! stays out of the wasm. An element written with the literal placeholder
//! `class="_"` and at least one other non-literal attribute gets its class
//! from `classed`; an element with only a class comes from `class_el`.

use std::rc::Rc;

use yew::prelude::*;
use yew::virtual_dom::{AttrValue, AttributeOrProperty, Attributes, VTag, VText};

/// `<tag class="class">text</tag>`.
pub fn text_el(tag: &'static str, class: impl Into<AttrValue>, text: impl Into<AttrValue>) -> Html {
    class_node(tag, class.into(), Html::VText(VText::new(text)))
}

/// `<tag>text</tag>`.
pub fn plain_el(tag: &'static str, text: impl Into<AttrValue>) -> Html {
    plain_node(tag, text.into())
}

fn plain_node(tag: &'static str, text: AttrValue) -> Html {
    html! { <@{tag}>{ text }</@> }
}

/// `<tag class="class">children</tag>`.
pub fn class_el(tag: &'static str, class: impl Into<AttrValue>, children: Html) -> Html {
    class_node(tag, class.into(), children)
}

fn class_node(tag: &'static str, class: AttrValue, children: Html) -> Html {
    let mut node = html! { <@{tag}>{ children }</@> };
    if let Some(tag) = tag_mut(&mut node) {
        tag.attributes = Attributes::Dynamic {
            keys: &["class"],
            values: Box::new([Some(AttributeOrProperty::Attribute(class))]),
        };
    }
    node
}

/// `node`, written with `class="_"` and another non-literal attribute,
/// with its class set to `class`.
pub fn classed(class: impl Into<AttrValue>, mut node: Html) -> Html {
    let mut set = false;
    if let Some(Attributes::Dynamic { keys, values }) =
        tag_mut(&mut node).map(|t| &mut t.attributes)
    {
        if let Some(i) = keys.iter().position(|k| *k == "class") {
            values[i] = Some(AttributeOrProperty::Attribute(class.into()));
            set = true;
        }
    }
    debug_assert!(
        set,
        "classed: no placeholder class in a dynamic attribute list"
    );
    node
}

/// The element of a node fresh from `html!` (not shared yet).
fn tag_mut(node: &mut Html) -> Option<&mut VTag> {
    match node {
        Html::VTag(tag) => Rc::get_mut(tag),
        _ => None,
    }
}

/// A button. The page's buttons go through here, so each is a call rather
/// than its own inlined element construction. `None` leaves the test id or
/// title out. A `disabled` button is only marked so (`aria-disabled`): it
/// keeps focus, so pressing Step until the end never drops focus to the
/// page, and its action is one the model ignores in that state.
pub fn button(
    class: &'static str,
    testid: Option<&'static str>,
    title: Option<&'static str>,
    disabled: bool,
    label: AttrValue,
    onclick: Callback<MouseEvent>,
) -> Html {
    classed(
        class,
        html! {
            <button type="button" class="_" data-testid={testid} {title} aria-disabled={flag(disabled)} {onclick}>{ label }</button>
        },
    )
}

/// A callback that sends `message` to `dispatch`, whatever the event.
pub fn send<E, M: Clone + 'static>(dispatch: &Callback<M>, message: M) -> Callback<E> {
    let dispatch = dispatch.clone();
    Callback::from(move |_: E| dispatch.emit(message.clone()))
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

/// Renders `backticked` spans as `<code>`; everything else stays plain text
/// (so case text can never inject markup). An unpaired backtick stays literal.
pub fn inline_code(text: &str) -> Html {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len() % 2 == 0 {
        return html! { { text } };
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                plain_el("code", *part)
            } else {
                html! { { *part } }
            }
        })
        .collect()
}
