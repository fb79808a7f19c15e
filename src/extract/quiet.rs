//! html5gum's emitter with parse-error reporting off. Extraction ignores parse
//! errors, but the tokenizer checks every character for them (control
//! characters, noncharacters) when the emitter asks for errors, as html5gum's
//! own emitters do: about a tenth of the pass.

use html5gum::{Emitter, ForwardingEmitter};

/// Forwards everything to the wrapped emitter but asks for no errors.
pub(crate) struct Quiet<E>(pub E);

impl<E: Emitter> ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}
