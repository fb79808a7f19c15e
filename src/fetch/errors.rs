//! Network failures as one plain phrase each, so a report (a spreadsheet
//! column included) tells a time-out from a DNS failure; the raw chain only
//! when asked (`-v`).

use std::fmt;
use std::time::Duration;

/// Why a request got no answer at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// No complete answer (connection, headers and body) within the limit.
    TimedOut(Duration),
    /// The host name does not resolve.
    Dns,
    /// Nothing listens on the port.
    Refused,
    /// The server's certificate was not accepted.
    Certificate(CertificateProblem),
    /// The TLS handshake failed otherwise; often the port does not speak TLS.
    Tls,
    /// The server closed the connection mid-request.
    Reset,
    /// Another failure to connect (unreachable network, ...).
    Connect,
    /// The answer began but its body broke off or could not be decoded.
    Body,
    Other,
}

/// What is wrong with a certificate, as far as a user can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateProblem {
    Expired,
    NotYetValid,
    OtherHost,
    Untrusted,
    Invalid,
}

impl Cause {
    /// The cause of a failed request, read from its error chain.
    pub(super) fn of(error: &reqwest::Error, timeout: Duration) -> Cause {
        if error.is_timeout() {
            return Cause::TimedOut(timeout);
        }
        // The causes only: the top error's text holds the URL, whose host or
        // path may contain any of the words looked for.
        let chain = std::error::Error::source(error)
            .map(chain_text)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let has = |needle: &str| chain.contains(needle);
        if has("dns error") || has("failed to lookup address") || has("name or service not known") {
            Cause::Dns
        } else if has("connection refused") {
            Cause::Refused
        } else if has("certificate") {
            Cause::Certificate(CertificateProblem::of(&chain))
        } else if [
            "tls",
            "handshake",
            "corrupt message",
            "unexpected message",
            "fatal alert",
            "peer is incompatible",
            "peer misbehaved",
        ]
        .iter()
        .any(|needle| has(needle))
        {
            Cause::Tls
        } else if has("connection reset") {
            Cause::Reset
        } else if error.is_connect() {
            Cause::Connect
        } else if error.is_body() || error.is_decode() {
            Cause::Body
        } else {
            Cause::Other
        }
    }

    /// A definite answer that waiting will not change: a host name that does
    /// not resolve, a certificate that is not accepted.
    pub(super) fn is_final(self) -> bool {
        matches!(self, Cause::Dns | Cause::Certificate(_))
    }

    /// A failure to set up a connection that an `https://` URL may get from a
    /// site that has no HTTPS: nothing on port 443, or something there that is
    /// not this site's TLS. Time-outs and DNS failures say nothing about the scheme.
    pub fn may_mean_no_https(self) -> bool {
        matches!(
            self,
            Cause::Refused | Cause::Certificate(_) | Cause::Tls | Cause::Reset | Cause::Connect
        )
    }
}

impl CertificateProblem {
    fn of(chain: &str) -> CertificateProblem {
        let has = |needle: &str| chain.contains(needle);
        if has("expired") {
            CertificateProblem::Expired
        } else if has("not valid yet") || has("notvalidyet") {
            CertificateProblem::NotYetValid
        } else if has("not valid for name") || has("notvalidforname") {
            CertificateProblem::OtherHost
        } else if has("unknownissuer") || has("unknown issuer") || has("self-signed") || has("self signed") {
            CertificateProblem::Untrusted
        } else {
            CertificateProblem::Invalid
        }
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cause::TimedOut(limit) => write!(f, "timed out after {} s", limit.as_secs_f64()),
            Cause::Dns => f.write_str("DNS lookup failed"),
            Cause::Refused => f.write_str("connection refused"),
            Cause::Certificate(problem) => write!(f, "TLS certificate {problem}"),
            Cause::Tls => f.write_str("TLS handshake failed"),
            Cause::Reset => f.write_str("connection reset by the server"),
            Cause::Connect => f.write_str("could not connect"),
            Cause::Body => f.write_str("the answer broke off or could not be decoded"),
            Cause::Other => f.write_str("request failed"),
        }
    }
}

impl fmt::Display for CertificateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CertificateProblem::Expired => "expired",
            CertificateProblem::NotYetValid => "not valid yet",
            CertificateProblem::OtherHost => "is for another host name",
            CertificateProblem::Untrusted => "not trusted (self-signed or unknown issuer)",
            CertificateProblem::Invalid => "rejected",
        })
    }
}

/// A request that got no answer at all: why, and how many attempts were
/// made when it was retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoAnswer {
    pub cause: Cause,
    /// Set when the failure is one that is retried (or was, before it
    /// changed): "3 attempts" tells a user that waiting did not help.
    pub attempts: Option<u32>,
    /// The error chain, kept only for `-v`.
    pub raw: Option<String>,
}

impl NoAnswer {
    /// The failure as a report states it: the cause, then what else the user
    /// needs to judge it, e.g. "connection refused (3 attempts, while fetching
    /// robots.txt)"; `during` says what was being fetched when it was not the
    /// page itself. With `-v` the raw chain follows.
    pub fn describe(&self, during: Option<&str>) -> String {
        let notes: Vec<String> = self
            .attempts
            .map(attempts_note)
            .into_iter()
            .chain(during.map(str::to_string))
            .collect();
        let mut text = self.cause.to_string();
        if !notes.is_empty() {
            text.push_str(&format!(" ({})", notes.join(", ")));
        }
        if let Some(raw) = &self.raw {
            text.push_str(&format!(": {raw}"));
        }
        text
    }
}

/// "1 attempt", "3 attempts".
pub(super) fn attempts_note(attempts: u32) -> String {
    match attempts {
        1 => "1 attempt".to_string(),
        n => format!("{n} attempts"),
    }
}

/// The error and every cause under it, for `-v`.
pub(super) fn chain_text(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cause_is_one_plain_phrase() {
        let cases = [
            (Cause::TimedOut(Duration::from_secs(20)), "timed out after 20 s"),
            (
                Cause::TimedOut(Duration::from_millis(500)),
                "timed out after 0.5 s",
            ),
            (Cause::Dns, "DNS lookup failed"),
            (Cause::Refused, "connection refused"),
            (
                Cause::Certificate(CertificateProblem::Expired),
                "TLS certificate expired",
            ),
            (
                Cause::Certificate(CertificateProblem::OtherHost),
                "TLS certificate is for another host name",
            ),
            (Cause::Tls, "TLS handshake failed"),
        ];
        for (cause, phrase) in cases {
            assert_eq!(cause.to_string(), phrase);
        }
    }

    #[test]
    fn certificate_problems_are_read_from_rustls_messages() {
        let cases = [
            ("invalid peer certificate: certificate expired: verification time 1", CertificateProblem::Expired),
            ("invalid peer certificate: Expired", CertificateProblem::Expired),
            ("invalid peer certificate: certificate not valid yet: ...", CertificateProblem::NotYetValid),
            (
                "invalid peer certificate: certificate not valid for name \"a.example\"; certificate is only valid for b.example",
                CertificateProblem::OtherHost,
            ),
            ("invalid peer certificate: NotValidForName", CertificateProblem::OtherHost),
            ("invalid peer certificate: UnknownIssuer", CertificateProblem::Untrusted),
            ("invalid peer certificate: BadSignature", CertificateProblem::Invalid),
        ];
        for (chain, problem) in cases {
            assert_eq!(
                CertificateProblem::of(&chain.to_ascii_lowercase()),
                problem,
                "{chain}"
            );
        }
    }

    #[test]
    fn notes_follow_the_cause_and_the_raw_chain_comes_last() {
        let refused = NoAnswer {
            cause: Cause::Refused,
            attempts: Some(3),
            raw: None,
        };
        assert_eq!(refused.describe(None), "connection refused (3 attempts)");
        assert_eq!(
            refused.describe(Some("while fetching robots.txt")),
            "connection refused (3 attempts, while fetching robots.txt)"
        );
        let dns = NoAnswer {
            cause: Cause::Dns,
            attempts: None,
            raw: Some("dns error: no such host".to_string()),
        };
        assert_eq!(dns.describe(None), "DNS lookup failed: dns error: no such host");
        assert_eq!(attempts_note(1), "1 attempt");
    }

    #[test]
    fn only_connection_set_up_failures_may_mean_no_https() {
        assert!(Cause::Refused.may_mean_no_https());
        assert!(Cause::Tls.may_mean_no_https());
        assert!(Cause::Certificate(CertificateProblem::OtherHost).may_mean_no_https());
        assert!(!Cause::Dns.may_mean_no_https());
        assert!(!Cause::TimedOut(Duration::from_secs(1)).may_mean_no_https());
        assert!(!Cause::Body.may_mean_no_https());
    }
}
