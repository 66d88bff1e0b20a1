//! Hash routes: `#/` is the gallery, `#/case/<slug>` is one case, `#/quiz`
//! and `#/quiz/<page>` the quiz room (`take`, `new`, `class`, `present`),
//! `#/play` a program of the reader's own (carried in `code=`), and
//! `#/embed/<slug>` or `#/embed` (inline code) the compact widget another
//! site frames (`static/embed.js`, docs/embed.md).
//!
//! Owns parsing and printing of the URL fragment. Routing by fragment needs no
//! server rewrites, so the built site works from any static host, sub-path or
//! iframe. This module is pure: listening for `hashchange` is `app.rs`'s job.

/// A page of the quiz room.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuizPage {
    /// The quiz sets and the teacher's pages.
    Hub,
    /// A learner takes an assignment.
    Take,
    /// The teacher makes an assignment link.
    Assign,
    /// The teacher reads the class's result codes.
    Class,
    /// One question at a time, for a projector.
    Present,
}

impl QuizPage {
    const PATHS: [(QuizPage, &'static str); 5] = [
        (QuizPage::Hub, "quiz"),
        (QuizPage::Take, "quiz/take"),
        (QuizPage::Assign, "quiz/new"),
        (QuizPage::Class, "quiz/class"),
        (QuizPage::Present, "quiz/present"),
    ];

    fn path(self) -> &'static str {
        QuizPage::PATHS
            .iter()
            .find(|(page, _)| *page == self)
            .map_or("quiz", |(_, path)| path)
    }
}

/// Where the app is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Gallery,
    Case(String),
    Quiz(QuizPage),
    /// A program that belongs to no case (the `code=` of its query).
    Play,
    /// The widget inside another site's frame: a case, or (`None`) the
    /// program in the query's `code=`.
    Embed(Option<String>),
    /// A fragment we do not understand; kept so the page can say so.
    NotFound(String),
}

impl Route {
    /// Parses `location.hash` (with or without the leading `#`). Never fails:
    /// anything unrecognised becomes `NotFound`.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.strip_prefix('#').unwrap_or(hash);
        // A share link's query (`?go=1.21&step=4`) belongs to the page, not the route.
        let path = path.split('?').next().unwrap_or(path);
        let path = path.strip_prefix('/').unwrap_or(path);
        let path = path.trim_end_matches('/');
        if path.is_empty() {
            return Route::Gallery;
        }
        if let Some((page, _)) = QuizPage::PATHS.iter().find(|(_, p)| *p == path) {
            return Route::Quiz(*page);
        }
        match path {
            "play" => return Route::Play,
            "embed" => return Route::Embed(None),
            _ => {}
        }
        match path.split_once('/') {
            Some(("case", slug)) if is_slug(slug) => Route::Case(slug.to_string()),
            // Any name is kept, so the widget can say which case it lacks.
            Some(("embed", name)) => Route::Embed(Some(name.to_string())),
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// The fragment, including `#`, that leads to this route.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Gallery => "#/".to_string(),
            Route::Case(slug) => format!("#/case/{slug}"),
            Route::Quiz(page) => format!("#/{}", page.path()),
            Route::Play => "#/play".to_string(),
            Route::Embed(None) => "#/embed".to_string(),
            Route::Embed(Some(slug)) => format!("#/embed/{slug}"),
            Route::NotFound(path) => format!("#/{path}"),
        }
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_gallery_forms() {
        for hash in ["", "#", "#/", "/", "#//"] {
            assert_eq!(Route::from_hash(hash), Route::Gallery, "{hash:?}");
        }
    }

    #[test]
    fn parses_case_route_and_round_trips() {
        let route = Route::from_hash("#/case/04-lock-and-full-channel");
        assert_eq!(route, Route::Case("04-lock-and-full-channel".into()));
        assert_eq!(Route::from_hash(&route.to_hash()), route);
        assert_eq!(Route::from_hash("#/case/x/"), Route::Case("x".into()));
        assert_eq!(
            Route::from_hash("#/case/x?go=1.21&step=3"),
            Route::Case("x".into())
        );
    }

    #[test]
    fn parses_quiz_routes_and_round_trips() {
        assert_eq!(Route::from_hash("#/quiz"), Route::Quiz(QuizPage::Hub));
        assert_eq!(
            Route::from_hash("#/quiz/take?k=1&cases=4"),
            Route::Quiz(QuizPage::Take)
        );
        for (page, _) in QuizPage::PATHS {
            let route = Route::Quiz(page);
            assert_eq!(Route::from_hash(&route.to_hash()), route);
        }
        assert!(matches!(
            Route::from_hash("#/quiz/nope"),
            Route::NotFound(_)
        ));
    }

    #[test]
    fn parses_play_and_embed_routes_and_round_trips() {
        assert_eq!(Route::from_hash("#/play?code=AQ"), Route::Play);
        assert_eq!(Route::from_hash("#/embed?code=AQ"), Route::Embed(None));
        assert_eq!(
            Route::from_hash("#/embed/lock-and-full-channel?lang=zh&step=3"),
            Route::Embed(Some("lock-and-full-channel".into()))
        );
        // An unknown or odd name still reaches the widget, which says so.
        assert_eq!(
            Route::from_hash("#/embed/No Such"),
            Route::Embed(Some("No Such".into()))
        );
        for route in [
            Route::Play,
            Route::Embed(None),
            Route::Embed(Some("x".into())),
        ] {
            assert_eq!(Route::from_hash(&route.to_hash()), route);
        }
    }

    #[test]
    fn odd_input_is_not_found_and_never_panics() {
        for hash in [
            "#/case/",
            "#/case/UPPER",
            "#/case/a/b",
            "#/nope",
            "#/case/ü",
            "#/%00",
        ] {
            assert!(
                matches!(Route::from_hash(hash), Route::NotFound(_)),
                "{hash:?}"
            );
        }
    }
}
