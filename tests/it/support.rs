//! What the test modules share: Yew's server renderer, natively, to an HTML
//! string (`render`, `show`), and the repository's case files (`repo_cases`).

use yew::{function_component, BaseComponent, Html, LocalServerRenderer, Properties};

/// Renders component `C` with `props`.
pub async fn render<C>(props: C::Properties) -> String
where
    C: BaseComponent,
{
    LocalServerRenderer::<C>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

#[derive(Properties, PartialEq)]
pub struct ShowProps {
    html: Html,
}

/// Shows ready-made markup (views and widgets are plain functions, and the
/// renderer needs a component).
#[function_component]
fn Show(props: &ShowProps) -> Html {
    props.html.clone()
}

/// Renders ready-made markup.
pub async fn show(html: Html) -> String {
    render::<Show>(ShowProps { html }).await
}

/// Every case file in the repository's `cases/`, through the build script's
/// own loader.
pub fn repo_cases() -> Vec<(std::path::PathBuf, case_data::CaseFile)> {
    case_data::load_dir(&case_data::repo_cases_dir()).unwrap_or_else(|e| panic!("{e}"))
}
