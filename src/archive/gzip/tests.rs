use super::*;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;

fn member(text: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(text).unwrap();
    encoder.finish().unwrap()
}

/// Everything the content hands out: (unit offset, bytes) per fill, and the
/// faults met, in order.
#[derive(Debug, PartialEq)]
enum Seen {
    Bytes(u64, Vec<u8>),
    Corrupt(u64),
    Truncated(u64),
    Source,
}

fn read_all(input: &[u8]) -> Vec<Seen> {
    let mut content = Content::new(input);
    let mut seen = Vec::new();
    for _ in 0..10_000 {
        match content.fill() {
            Ok([]) => return seen,
            Ok(bytes) => {
                let bytes = bytes.to_vec();
                content.consume(bytes.len());
                let offset = content.unit_offset();
                match seen.last_mut() {
                    Some(Seen::Bytes(at, text)) if *at == offset && content.is_gzip() => text.extend(bytes),
                    _ => seen.push(Seen::Bytes(offset, bytes)),
                }
            }
            Err(Fault::Corrupt { offset, .. }) => seen.push(Seen::Corrupt(offset)),
            Err(Fault::Truncated { offset }) => seen.push(Seen::Truncated(offset)),
            Err(Fault::Source(_)) => seen.push(Seen::Source),
        }
    }
    panic!("the content never ended: {seen:?}");
}

#[test]
fn plain_input_is_handed_out_as_it_is() {
    let mut content = Content::new(&b"WARC/1.0\r\n"[..]);
    assert_eq!(content.fill().unwrap(), b"WARC/1.0\r\n");
    assert_eq!(content.unit_offset(), 0);
    content.consume(5);
    assert_eq!(content.fill().unwrap(), b"1.0\r\n");
    assert_eq!(
        content.unit_offset(),
        5,
        "in plain input a byte's unit is the byte"
    );
    assert!(!content.is_gzip());
    content.consume(5);
    assert_eq!(content.fill().unwrap(), b"");
    assert_eq!(content.position(), 10);
}

#[test]
fn each_member_is_inflated_with_its_offset() {
    let (a, b, c) = (member(b"first"), member(b"second"), member(b"third"));
    let input = [a.clone(), b.clone(), c].concat();
    let at_b = a.len() as u64;
    let at_c = at_b + b.len() as u64;
    assert_eq!(
        read_all(&input),
        [
            Seen::Bytes(0, b"first".to_vec()),
            Seen::Bytes(at_b, b"second".to_vec()),
            Seen::Bytes(at_c, b"third".to_vec()),
        ]
    );
}

#[test]
fn a_member_with_bad_deflate_data_is_reported_and_the_next_one_read() {
    let (a, mut b, c) = (member(b"first"), member(&[b'x'; 3000]), member(b"third"));
    // The header is intact; the deflate data after it is not.
    for byte in &mut b[10..20] {
        *byte = 0xff;
    }
    let at_b = a.len() as u64;
    let at_c = at_b + b.len() as u64;
    let input = [a, b, c].concat();
    assert_eq!(
        read_all(&input),
        [
            Seen::Bytes(0, b"first".to_vec()),
            Seen::Corrupt(at_b),
            Seen::Bytes(at_c, b"third".to_vec()),
        ]
    );
}

#[test]
fn a_member_with_a_wrong_crc_is_corrupt() {
    let (a, mut b, c) = (member(b"first"), member(b"second"), member(b"third"));
    let crc = b.len() - 8;
    b[crc] ^= 1;
    let at_b = a.len() as u64;
    let at_c = at_b + b.len() as u64;
    let seen = read_all(&[a, b, c].concat());
    // Its bytes were handed out before the check failed at its end.
    assert_eq!(seen[2], Seen::Corrupt(at_b), "{seen:?}");
    assert_eq!(seen[3], Seen::Bytes(at_c, b"third".to_vec()));
}

#[test]
fn a_bad_header_is_corrupt_and_garbage_between_members_is_skipped() {
    let (a, c) = (member(b"first"), member(b"third"));
    let garbage = b"\x1f\x8b\x08 not a member, \x1f\x8b and more junk \x1f".to_vec();
    let at_garbage = a.len() as u64;
    let at_c = at_garbage + garbage.len() as u64;
    assert_eq!(
        read_all(&[a, garbage, c].concat()),
        [
            Seen::Bytes(0, b"first".to_vec()),
            Seen::Corrupt(at_garbage),
            Seen::Bytes(at_c, b"third".to_vec()),
        ]
    );
}

#[test]
fn a_member_that_swallows_the_next_member_start_is_rescanned_from_its_start() {
    // A member whose header is fine but whose stored-block length runs past
    // its end, over the next member: the rescan starts inside the bytes the
    // failed decoder read.
    let (a, c) = (member(b"first"), member(b"third"));
    let mut broken = member(b"");
    broken.truncate(10);
    // A stored block claiming 0x4000 bytes, far more than follow.
    broken.extend_from_slice(&[0x01, 0x00, 0x40, 0xff, 0xbf, b'y', b'y']);
    let at_broken = a.len() as u64;
    let at_c = at_broken + broken.len() as u64;
    let seen = read_all(&[a, broken, c].concat());
    assert_eq!(seen.first(), Some(&Seen::Bytes(0, b"first".to_vec())));
    assert!(seen.contains(&Seen::Corrupt(at_broken)), "{seen:?}");
    assert_eq!(
        seen.last(),
        Some(&Seen::Bytes(at_c, b"third".to_vec())),
        "{seen:?}"
    );
}

#[test]
fn input_that_ends_inside_a_member_is_truncated() {
    let (a, b) = (member(b"first"), member(&[b'z'; 5000]));
    let at_b = a.len() as u64;
    let mut input = [a, b].concat();
    input.truncate(input.len() - 4);
    let seen = read_all(&input);
    assert_eq!(seen.last(), Some(&Seen::Truncated(at_b)), "{seen:?}");
}

/// A source that fails after some bytes.
struct Failing<'a>(&'a [u8]);

impl std::io::Read for Failing<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.0.is_empty() {
            return Err(io::Error::new(io::ErrorKind::ConnectionReset, "connection reset"));
        }
        let n = self.0.len().min(out.len()).min(7);
        out[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn a_failing_source_is_a_source_fault_in_plain_and_gzip_input() {
    for input in [b"WARC/1.0\r\n".to_vec(), member(&[b'q'; 100])] {
        let mut content = Content::new(io::BufReader::new(Failing(&input)));
        let fault = loop {
            match content.fill() {
                Ok([]) => panic!("the source's failure was lost"),
                Ok(bytes) => {
                    let n = bytes.len();
                    content.consume(n);
                }
                Err(fault) => break fault,
            }
        };
        assert!(
            matches!(fault, Fault::Source(ref e) if e.kind() == io::ErrorKind::ConnectionReset),
            "{fault:?}"
        );
    }
}

#[test]
fn the_members_of_warcio_example_are_at_the_offsets_dd_finds() {
    // Checked with `tail -c +N warcio-example.warc.gz | zcat | head -1`.
    let input = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/archives/warcio-example.warc.gz"
    ))
    .unwrap();
    let offsets: Vec<u64> = read_all(&input)
        .iter()
        .map(|seen| match seen {
            Seen::Bytes(at, text) => {
                assert!(text.starts_with(b"WARC/1.0\r\n"), "member at {at}");
                *at
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(offsets, [0, 353, 784, 2012, 2621, 3207]);
}
