//! Score and lexicographic intervals, with Redis's inclusive/exclusive ends and its rules for
//! intervals that can never match anything.

/// A score interval (`ZRANGEBYSCORE key (1 5`): each end inclusive or exclusive.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScoreRange {
    pub min: f64,
    pub max: f64,
    pub minex: bool,
    pub maxex: bool,
}

impl ScoreRange {
    /// Both ends inclusive.
    pub fn inclusive(min: f64, max: f64) -> Self {
        ScoreRange {
            min,
            max,
            minex: false,
            maxex: false,
        }
    }

    /// True when no score can ever be inside (min above max, or a point with an open end).
    pub fn is_empty(&self) -> bool {
        self.min > self.max || (self.min == self.max && (self.minex || self.maxex))
    }

    pub fn gte_min(&self, v: f64) -> bool {
        if self.minex {
            v > self.min
        } else {
            v >= self.min
        }
    }

    pub fn lte_max(&self, v: f64) -> bool {
        if self.maxex {
            v < self.max
        } else {
            v <= self.max
        }
    }

    pub fn contains(&self, v: f64) -> bool {
        self.gte_min(v) && self.lte_max(v)
    }
}

/// One end of a lexicographic interval: `-`, `+`, `[member` or `(member`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexBound<'a> {
    /// `-`: below every member.
    Min,
    /// `+`: above every member.
    Max,
    Inclusive(&'a [u8]),
    Exclusive(&'a [u8]),
}

impl LexBound<'_> {
    /// Redis treats `-` and `+` as exclusive ends.
    fn exclusive(&self) -> bool {
        !matches!(self, LexBound::Inclusive(_))
    }

    /// Order of two bounds as Redis's sdscmplex sees them (`-` lowest, `+` highest).
    fn cmp_bound(&self, other: &LexBound<'_>) -> std::cmp::Ordering {
        let class = |b: &LexBound<'_>| match b {
            LexBound::Min => 0,
            LexBound::Inclusive(_) | LexBound::Exclusive(_) => 1,
            LexBound::Max => 2,
        };
        match (self, other) {
            (
                LexBound::Inclusive(a) | LexBound::Exclusive(a),
                LexBound::Inclusive(b) | LexBound::Exclusive(b),
            ) => a.cmp(b),
            _ => class(self).cmp(&class(other)),
        }
    }
}

/// A lexicographic interval (`ZRANGEBYLEX key [a (c`). Meaningful when all scores are equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LexRange<'a> {
    pub min: LexBound<'a>,
    pub max: LexBound<'a>,
}

impl LexRange<'_> {
    pub fn is_empty(&self) -> bool {
        match self.min.cmp_bound(&self.max) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => self.min.exclusive() || self.max.exclusive(),
            std::cmp::Ordering::Less => false,
        }
    }

    pub fn gte_min(&self, v: &[u8]) -> bool {
        match self.min {
            LexBound::Min => true,
            LexBound::Max => false,
            LexBound::Inclusive(b) => v >= b,
            LexBound::Exclusive(b) => v > b,
        }
    }

    pub fn lte_max(&self, v: &[u8]) -> bool {
        match self.max {
            LexBound::Max => true,
            LexBound::Min => false,
            LexBound::Inclusive(b) => v <= b,
            LexBound::Exclusive(b) => v < b,
        }
    }

    pub fn contains(&self, v: &[u8]) -> bool {
        self.gte_min(v) && self.lte_max(v)
    }
}
