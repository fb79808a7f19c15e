//! html5gum's callback emitter, spared the work the pass does not need.
//!
//! - Parse errors: extraction ignores them, but the tokenizer checks every
//!   character for them (control characters, noncharacters) when the emitter
//!   asks for errors, as html5gum's own emitters do: about a tenth of the pass.
//! - Text the pass will not read: the emitter copies every text run into a
//!   buffer before handing it over. When the pass reads no text (it gathers
//!   links only, and is neither in an anchor, the title nor before the body),
//!   runs are dropped as they are tokenized. The pass says so through
//!   [`TextWanted`] after each event; text is handed over at the next tag,
//!   after the pass has seen every tag before it, so the answer is current.

use html5gum::{Emitter, ForwardingEmitter};
use std::cell::Cell;
use std::rc::Rc;

/// Whether the pass reads the text runs that follow: shared by the pass,
/// which sets it, and the emitter, which reads it.
#[derive(Clone, Default)]
pub(crate) struct TextWanted(Rc<Cell<bool>>);

impl TextWanted {
    pub(crate) fn set(&self, wanted: bool) {
        self.0.set(wanted);
    }

    fn get(&self) -> bool {
        self.0.get()
    }
}

/// Forwards everything to the wrapped emitter but asks for no errors and
/// drops unwanted text.
pub(crate) struct Lean<E> {
    inner: E,
    text: TextWanted,
}

impl<E> Lean<E> {
    pub(crate) fn new(inner: E, text: TextWanted) -> Self {
        Lean { inner, text }
    }
}

impl<E: Emitter> ForwardingEmitter for Lean<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.inner
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn emit_string(&mut self, s: &[u8]) {
        if self.text.get() {
            self.inner.emit_string(s);
        }
    }
}
