//! Pages parsed on every core. An archive is read on a thread of its own
//! (inflating members, splitting records); the records that may hold a page
//! go to a pool of parsers shared by every archive, and come back to the
//! archive's thread as [`Event`]s, where [`InOrder`] hands them on in
//! record order whatever the parsers did.

use super::record::{self, Scanned};
use super::Plan;
use crate::archive::warc::Item;
use crate::archive::Damage;
use crate::archive::Record;
use std::any::Any;
use std::collections::VecDeque;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};

/// A parse's outcome, or the panic that ended it, raised again on the
/// archive's thread as if it had parsed the page itself.
type Parsed = Result<Scanned, Box<dyn Any + Send>>;

/// What reaches an archive's thread: from its reader, and from the parsers.
pub(super) enum Event {
    Read(Item),
    /// The reader reached the archive's end, or the damage that ends it.
    End,
    /// The record at `place` (in read order) parsed.
    Parsed(u64, Parsed),
}

struct Job {
    record: Record,
    archive: Arc<str>,
    place: u64,
    reply: Sender<Event>,
}

/// The pool's door: cloned into every archive's thread. The parsers end when
/// every clone is gone.
#[derive(Clone)]
pub(super) struct Parsers {
    jobs: SyncSender<Job>,
    pub count: usize,
}

impl Parsers {
    pub fn start(plan: &Arc<Plan>) -> Parsers {
        let count = plan.parsers.max(1);
        let (jobs, queue) = mpsc::sync_channel::<Job>(count);
        let queue = Arc::new(Mutex::new(queue));
        for _ in 0..count {
            let (plan, queue) = (plan.clone(), queue.clone());
            std::thread::spawn(move || parse_until_closed(&plan, &queue));
        }
        Parsers { jobs, count }
    }
}

fn parse_until_closed(plan: &Plan, queue: &Mutex<Receiver<Job>>) {
    loop {
        let received = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(job) = received else {
            return;
        };
        let parsed = panic::catch_unwind(AssertUnwindSafe(|| {
            record::scan(&job.record, &job.archive, &plan.context)
        }));
        // The archive may have stopped waiting (interrupted): nothing to do.
        let _ = job.reply.send(Event::Parsed(job.place, parsed));
    }
}

/// What one item of an archive came to, in the archive's order.
pub(super) enum Step {
    Passed,
    Damage(Damage),
    /// A record's page, parsed: the record's offset, and what its page gave.
    Record {
        offset: u64,
        scanned: Scanned,
    },
}

enum Waiting {
    Ready(Step),
    Parsing { offset: u64 },
}

/// One archive's items between reading and applying, in read order.
pub(super) struct InOrder {
    parsers: Parsers,
    archive: Arc<str>,
    reply: Sender<Event>,
    /// Items read and not yet taken; the first is at place `first`.
    waiting: VecDeque<Waiting>,
    first: u64,
}

impl InOrder {
    /// Parsed pages come back through `reply`, to be [`InOrder::place`]d.
    pub fn new(parsers: Parsers, archive: &str, reply: Sender<Event>) -> InOrder {
        InOrder {
            parsers,
            archive: archive.into(),
            reply,
            waiting: VecDeque::new(),
            first: 0,
        }
    }

    /// Takes an item as read; a record goes to the parsers (waiting while
    /// they are all busy and their queue is full).
    pub fn push(&mut self, item: Item) {
        let waiting = match item {
            Item::Passed(_) => Waiting::Ready(Step::Passed),
            Item::Damage(damage) => Waiting::Ready(Step::Damage(damage)),
            Item::Record(record) => {
                let offset = record.head.offset;
                let job = Job {
                    record,
                    archive: self.archive.clone(),
                    place: self.first + self.waiting.len() as u64,
                    reply: self.reply.clone(),
                };
                // The parsers live as long as any door to them: this one.
                if self.parsers.jobs.send(job).is_err() {
                    unreachable!("the parsers ended while an archive still had records for them");
                }
                Waiting::Parsing { offset }
            }
        };
        self.waiting.push_back(waiting);
    }

    /// A parsed page back from the parsers.
    pub fn place(&mut self, place: u64, parsed: Parsed) {
        let at = (place - self.first) as usize;
        let Waiting::Parsing { offset } = self.waiting[at] else {
            unreachable!("a record is parsed once");
        };
        let scanned = parsed.unwrap_or_else(|payload| panic::resume_unwind(payload));
        self.waiting[at] = Waiting::Ready(Step::Record { offset, scanned });
    }

    /// The next item in read order, once it is ready.
    pub fn pop_ready(&mut self) -> Option<Step> {
        if !matches!(self.waiting.front(), Some(Waiting::Ready(_))) {
            return None;
        }
        self.first += 1;
        match self.waiting.pop_front() {
            Some(Waiting::Ready(step)) => Some(step),
            _ => unreachable!("the front was just seen ready"),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }
}

#[cfg(test)]
mod tests;
