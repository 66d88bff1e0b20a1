//! Inline SVG icons (no icon font, no network request).
//!
//! Icons are decorative: each is `aria-hidden`, and the element that carries
//! one supplies its own accessible label.

use yew::prelude::*;

/// The product mark: three goroutine lanes on a rounded square.
pub fn logo() -> Html {
    html! {
        <svg class="logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
            <rect width="32" height="32" rx="8" class="logo__bg" />
            <path d="M8 10.5h10M8 16h15M8 21.5h6" class="logo__lane" />
            <circle cx="20.5" cy="10.5" r="2.2" class="logo__dot" />
            <circle cx="25" cy="16" r="2.2" class="logo__dot logo__dot--ok" />
            <circle cx="16.5" cy="21.5" r="2.2" class="logo__dot logo__dot--stuck" />
        </svg>
    }
}

pub fn sun() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <circle cx="12" cy="12" r="4.5" />
            <path d="M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8" />
        </svg>
    }
}

pub fn moon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M20.5 14.5A8.5 8.5 0 0 1 9.5 3.5a8.5 8.5 0 1 0 11 11z" />
        </svg>
    }
}
