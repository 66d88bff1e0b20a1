//! The compiler worker: gosim's compiler in a web worker of its own, so the
//! page's wasm does not carry it and a long compile never blocks the page.
//!
//! Trunk builds it as `compiler.js` and `compiler_bg.wasm` (index.html's
//! `data-type="worker"` link); `platform::compile_in_worker` starts it on the
//! first program the page has no compiled image of. Protocol: once loaded it
//! posts `[]` (ready); each request `[id, source, go minor]` gets back
//! `[id, image]` (a `gosim::image` of the program or its compile errors) or
//! `[id, null, why]`. It fetches gosim's library sources (`library.txt`,
//! from `self.GOPITFALLS_CASES`, which the page sets) before its first
//! compile. It holds nothing else and touches nothing but its own scope.

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::Cell;
    use std::rc::Rc;

    use gosim::config::{GoVersion, RunConfig};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::DedicatedWorkerGlobalScope;

    pub fn start() {
        let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
            return;
        };
        // Requests are answered one at a time, in order.
        let busy = Rc::new(Cell::new(false));
        let queue: Rc<std::cell::RefCell<Vec<JsValue>>> = Rc::default();
        let on_message = {
            let scope = scope.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                queue.borrow_mut().push(event.data());
                drain(scope.clone(), busy.clone(), queue.clone());
            })
        };
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&js_sys::Array::new());
    }

    fn drain(
        scope: DedicatedWorkerGlobalScope,
        busy: Rc<Cell<bool>>,
        queue: Rc<std::cell::RefCell<Vec<JsValue>>>,
    ) {
        if busy.replace(true) {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                let next = {
                    let mut q = queue.borrow_mut();
                    (!q.is_empty()).then(|| q.remove(0))
                };
                let Some(request) = next else { break };
                let _ = scope.post_message(&answer(&scope, request).await);
            }
            busy.set(false);
        });
    }

    async fn answer(scope: &DedicatedWorkerGlobalScope, request: JsValue) -> JsValue {
        let request = js_sys::Array::from(&request);
        let id = request.get(0);
        let failed = |why: &str| js_sys::Array::of3(&id, &JsValue::NULL, &JsValue::from_str(why));
        let (Some(source), Some(go)) = (request.get(1).as_string(), request.get(2).as_f64()) else {
            return failed("a malformed request").into();
        };
        let Some(go) = GoVersion::parse(&format!("1.{go}")) else {
            return failed("a Go release gosim does not model").into();
        };
        if !gosim::prelude::available() {
            if let Err(why) = load_library(scope).await {
                return failed(&why).into();
            }
        }
        let config = RunConfig {
            go_version: go,
            ..RunConfig::default()
        };
        let image = gosim::image::encode(&gosim::program::compile(&source, &config));
        js_sys::Array::of2(&id, &js_sys::Uint8Array::from(image.as_slice())).into()
    }

    /// Fetches and installs gosim's library sources.
    async fn load_library(scope: &DedicatedWorkerGlobalScope) -> Result<(), String> {
        let base = js_sys::Reflect::get(scope, &JsValue::from_str("GOPITFALLS_CASES"))
            .ok()
            .and_then(|b| b.as_string())
            .ok_or("the page did not say where the library is")?;
        let response = JsFuture::from(scope.fetch_with_str(&format!("{base}library.txt")))
            .await
            .ok()
            .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
            .filter(web_sys::Response::ok)
            .ok_or("the library sources could not be fetched")?;
        let text = JsFuture::from(response.text().map_err(|_| "no library text")?)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .ok_or("the library sources could not be read")?;
        gosim::prelude::install(&text)
    }
}
