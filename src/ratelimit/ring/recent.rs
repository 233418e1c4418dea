//! A ring's newest admission times, beside its header, so that most requests read and write
//! the header's cache line only.
//!
//! 24 bytes hold six times as 4-byte offsets from the ring's base (*wide*), or, while the
//! times lie within 65,535 ticks of the first of them, eleven: the first as an offset and the
//! others as 2-byte distances from it (*narrow*). A caller who sends requests a few
//! milliseconds apart fills eleven before they move into the ring's buffer, where a cold
//! cache line is written; one whose requests are further apart fills six. A move takes at
//! least six times, whichever way they are kept: a narrow run that meets a time too far from
//! its first turns wide while it holds fewer than six.

/// Times a wide run holds.
const WIDE: usize = 6;
/// Times a narrow run holds: its first, and ten distances.
const NARROW: usize = 2 * WIDE - 1;

/// The newest admission times of a ring, oldest first, as offsets from its base.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Recent {
    /// Wide: time `j`'s offset in words `2j` (low half) and `2j + 1`. Narrow: the first
    /// time's offset in words 0 and 1, time `j`'s distance from it in word `j + 1`.
    words: [u16; 2 * WIDE],
    len: u8,
    narrow: bool,
}

impl Recent {
    /// How many times it holds.
    pub(super) fn len(&self) -> u32 {
        u32::from(self.len)
    }

    /// The `j`-th oldest time's offset.
    pub(super) fn get(&self, j: usize) -> u32 {
        match (self.narrow, j) {
            (true, 0) | (false, _) => self.wide(j),
            (true, j) => self.wide(0) + u32::from(self.words[j + 1]),
        }
    }

    /// Adds the newest time, at `offset` (no older than any it holds); false, with nothing
    /// added, when there is no room for it: the times must move out first.
    #[inline]
    pub(super) fn push(&mut self, offset: u32) -> bool {
        let len = usize::from(self.len);
        if len == 0 {
            self.set_wide(0, offset);
            self.narrow = true;
        } else if self.narrow {
            match u16::try_from(offset.saturating_sub(self.wide(0))) {
                Ok(distance) if len < NARROW => self.words[len + 1] = distance,
                Ok(_) => return false,
                Err(_) if len < WIDE => {
                    self.widen();
                    self.set_wide(len, offset);
                }
                Err(_) => return false,
            }
        } else if len < WIDE {
            self.set_wide(len, offset);
        } else {
            return false;
        }
        self.len += 1;
        true
    }

    /// Drops the oldest time.
    pub(super) fn pop_first(&mut self) {
        let len = usize::from(self.len);
        if len == 0 {
            return;
        }
        if self.narrow && len > 1 {
            // The second time becomes the first; the distances shrink by its own.
            let second = self.get(1);
            let moved = self.words[2];
            for j in 1..len - 1 {
                self.words[j + 1] = self.words[j + 2] - moved;
            }
            self.set_wide(0, second);
        } else if !self.narrow {
            self.words.copy_within(2..2 * len, 0);
        }
        self.len -= 1;
    }

    /// Moves every offset `by` ticks back (the ring's base moved on by as much).
    pub(super) fn shift(&mut self, by: u32) {
        // A narrow run's distances are from its first time: only that offset moves.
        let offsets = match self.narrow {
            true => usize::from(self.len).min(1),
            false => usize::from(self.len),
        };
        for j in 0..offsets {
            self.set_wide(j, self.wide(j) - by);
        }
    }

    /// Forgets every time.
    pub(super) fn clear(&mut self) {
        self.len = 0;
    }

    /// Every time's offset, oldest first, and how many there are: the first `len` of the
    /// array.
    pub(super) fn offsets(&self) -> ([u32; NARROW], usize) {
        let len = usize::from(self.len);
        let mut times = [0; NARROW];
        if self.narrow && len > 0 {
            let first = self.wide(0);
            times[0] = first;
            // Time `j`'s distance is in word `j + 1`.
            for (time, &distance) in times[1..len].iter_mut().zip(&self.words[2..]) {
                *time = first + u32::from(distance);
            }
        } else {
            for (j, time) in times.iter_mut().enumerate().take(len) {
                *time = self.wide(j);
            }
        }
        (times, len)
    }

    /// Keeps the times wide: a narrow run shorter than a wide one, about to take a time too
    /// far from its first.
    fn widen(&mut self) {
        let (times, len) = self.offsets();
        for (j, &time) in times.iter().enumerate().take(len) {
            self.set_wide(j, time);
        }
        self.narrow = false;
    }

    /// The offset in wide slot `j`.
    fn wide(&self, j: usize) -> u32 {
        u32::from(self.words[2 * j]) | u32::from(self.words[2 * j + 1]) << 16
    }

    fn set_wide(&mut self, j: usize, offset: u32) {
        self.words[2 * j] = offset as u16;
        self.words[2 * j + 1] = (offset >> 16) as u16;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every time it holds, oldest first, read one by one; `offsets`, which reads them all
    /// at once, must read the same.
    fn times(recent: &Recent) -> Vec<u32> {
        let one_by_one: Vec<u32> = (0..recent.len() as usize).map(|j| recent.get(j)).collect();
        let (at_once, len) = recent.offsets();
        assert_eq!(at_once[..len], one_by_one);
        one_by_one
    }

    /// Pushes `offsets` until one does not fit; how many did.
    fn fill(recent: &mut Recent, offsets: impl IntoIterator<Item = u32>) -> usize {
        offsets.into_iter().take_while(|&o| recent.push(o)).count()
    }

    /// Close times: eleven. Far ones: six. A narrow run that meets a far time turns wide
    /// while it holds fewer than six, and is full at six or more.
    #[test]
    fn close_times_fill_eleven_and_far_ones_six() {
        let mut close = Recent::default();
        assert_eq!(
            fill(&mut close, (0..20).map(|i| 70_000 + i * 4_000)),
            NARROW
        );
        let expected: Vec<u32> = (0..NARROW as u32).map(|i| 70_000 + i * 4_000).collect();
        assert_eq!(times(&close), expected);
        let mut far = Recent::default();
        assert_eq!(fill(&mut far, (0..20).map(|i| i * 65_536)), WIDE);
        let expected: Vec<u32> = (0..WIDE as u32).map(|i| i * 65_536).collect();
        assert_eq!(times(&far), expected);
        for before in 1..NARROW as u32 {
            let mut mixed = Recent::default();
            let mut offsets: Vec<u32> = (0..before).map(|i| u32::MAX / 2 + i).collect();
            let far = offsets[0] + 65_536;
            offsets.extend((0..WIDE as u32).map(|i| far + i / 2));
            let fitted = fill(&mut mixed, offsets.iter().copied());
            assert_eq!(
                fitted,
                WIDE.max(before as usize),
                "{before} close, then far"
            );
            assert_eq!(times(&mixed), offsets[..fitted]);
        }
        // Distances from the first time: 65,535 keeps the run narrow, 65,536 turns it wide.
        let mut edge = Recent::default();
        assert_eq!(
            fill(&mut edge, [10].into_iter().chain([65_545; 12])),
            NARROW
        );
        let mut edge = Recent::default();
        assert_eq!(fill(&mut edge, [10].into_iter().chain([65_546; 12])), WIDE);
        assert_eq!(times(&edge), [10, 65_546, 65_546, 65_546, 65_546, 65_546]);
    }

    /// Dropping the oldest and moving the base keep the others, narrow and wide; a cleared
    /// run starts narrow again.
    #[test]
    fn the_oldest_goes_and_offsets_move() {
        for step in [3, 100_000] {
            let mut recent = Recent::default();
            let pushed = fill(&mut recent, (1..=20).map(|i| 1_000_000 + i * step));
            let mut expected: Vec<u32> =
                (1..=pushed as u32).map(|i| 1_000_000 + i * step).collect();
            recent.pop_first();
            expected.remove(0);
            assert_eq!(times(&recent), expected, "step {step}");
            recent.shift(999_000);
            let shifted: Vec<u32> = expected.iter().map(|t| t - 999_000).collect();
            assert_eq!(times(&recent), shifted);
            // Room again for one more, then as many as the run holds.
            assert!(recent.push(shifted[shifted.len() - 1] + step));
            while recent.len() > 0 {
                recent.pop_first();
            }
            recent.pop_first();
            assert_eq!(recent.len(), 0);
            recent.clear();
            assert_eq!(fill(&mut recent, (0..20).map(|i| i * 2)), NARROW);
        }
    }
}
