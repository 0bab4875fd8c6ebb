//! The two sorts Redis uses on search results, reproduced so that members at equal distances
//! come out in the same order: a full sort through the C library's qsort (glibc's top-down
//! merge sort, stable) when every result is returned, and Redis's own partial quicksort
//! (pqsort, Bentley-McIlroy with median-of-three and insertion sort below 7 elements) when
//! COUNT keeps fewer. Redis's build has no "no swaps: switch to insertion sort" shortcut (the
//! BSD one that goes quadratic): checked against 7.0.15, where equal distances come out in the
//! order the plain partitioning leaves them. Both work on a permutation of indexes with a three-way comparison that, like
//! Redis's, is not a total order for NaN; neither can panic on that.

use std::cmp::Ordering;

/// glibc's msort: split in halves (the smaller first), merge taking from the left on ties.
pub fn merge_sort(v: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    let mut tmp = Vec::with_capacity(v.len());
    merge_rec(v, &mut tmp, cmp);
}

fn merge_rec(v: &mut [usize], tmp: &mut Vec<usize>, cmp: &dyn Fn(usize, usize) -> Ordering) {
    let n = v.len();
    if n <= 1 {
        return;
    }
    let n1 = n / 2;
    merge_rec(&mut v[..n1], tmp, cmp);
    merge_rec(&mut v[n1..], tmp, cmp);
    tmp.clear();
    let (mut i, mut j) = (0, n1);
    while i < n1 && j < n {
        if cmp(v[i], v[j]) != Ordering::Greater {
            tmp.push(v[i]);
            i += 1;
        } else {
            tmp.push(v[j]);
            j += 1;
        }
    }
    tmp.extend_from_slice(&v[i..n1]);
    let done = tmp.len();
    v[..done].copy_from_slice(tmp);
}

/// Redis's pqsort: orders `v` enough that positions `lo..=hi` hold what a full sort would put
/// there (segments entirely outside that window are left unsorted).
pub fn partial_sort(v: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering, lo: usize, hi: usize) {
    let n = v.len();
    pq_rec(v, cmp, 0, n, lo, hi);
}

fn insertion(v: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering, a: usize, n: usize) {
    for m in a + 1..a + n {
        let mut l = m;
        while l > a && cmp(v[l - 1], v[l]) == Ordering::Greater {
            v.swap(l, l - 1);
            l -= 1;
        }
    }
}

fn med3(
    v: &[usize],
    cmp: &dyn Fn(usize, usize) -> Ordering,
    a: usize,
    b: usize,
    c: usize,
) -> usize {
    use Ordering::{Greater, Less};
    if cmp(v[a], v[b]) == Less {
        if cmp(v[b], v[c]) == Less {
            b
        } else if cmp(v[a], v[c]) == Less {
            c
        } else {
            a
        }
    } else if cmp(v[b], v[c]) == Greater {
        b
    } else if cmp(v[a], v[c]) == Less {
        a
    } else {
        c
    }
}

/// True when the segment `[start, start + len)` lies wholly before or after `lo..=hi`.
fn outside(start: usize, len: usize, lo: usize, hi: usize) -> bool {
    (lo < start && hi < start) || (lo >= start + len && hi >= start + len)
}

fn pq_rec(
    v: &mut [usize],
    cmp: &dyn Fn(usize, usize) -> Ordering,
    mut a: usize,
    mut n: usize,
    lo: usize,
    hi: usize,
) {
    use Ordering::{Equal, Greater, Less};
    loop {
        if n < 7 {
            insertion(v, cmp, a, n);
            return;
        }
        let mut pm = a + n / 2;
        if n > 7 {
            let mut pl = a;
            let mut pn = a + n - 1;
            if n > 40 {
                let d = n / 8;
                pl = med3(v, cmp, pl, pl + d, pl + 2 * d);
                pm = med3(v, cmp, pm - d, pm, pm + d);
                pn = med3(v, cmp, pn - 2 * d, pn - d, pn);
            }
            pm = med3(v, cmp, pl, pm, pn);
        }
        v.swap(a, pm);
        let (mut pa, mut pb) = (a + 1, a + 1);
        let (mut pc, mut pd) = (a + n - 1, a + n - 1);
        loop {
            while pb <= pc {
                let c = cmp(v[pb], v[a]);
                if c == Greater {
                    break;
                }
                if c == Equal {
                    v.swap(pa, pb);
                    pa += 1;
                }
                pb += 1;
            }
            while pb <= pc {
                let c = cmp(v[pc], v[a]);
                if c == Less {
                    break;
                }
                if c == Equal {
                    v.swap(pc, pd);
                    pd -= 1;
                }
                pc -= 1;
            }
            if pb > pc {
                break;
            }
            v.swap(pb, pc);
            pb += 1;
            pc -= 1;
        }
        // Move the pivot-equal runs from both ends into the middle (pairwise block swaps).
        let pn = a + n;
        let r = (pa - a).min(pb - pa);
        for i in 0..r {
            v.swap(a + i, pb - r + i);
        }
        let r = (pd - pc).min(pn - pd - 1);
        for i in 0..r {
            v.swap(pb + i, pn - r + i);
        }
        let r = pb - pa;
        if r > 1 && !outside(a, r, lo, hi) {
            pq_rec(v, cmp, a, r, lo, hi);
        }
        let r = pd - pc;
        if r > 1 {
            a = pn - r;
            n = r;
            if !outside(a, n, lo, hi) {
                continue;
            }
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_key(keys: &[i32]) -> impl Fn(usize, usize) -> Ordering + '_ {
        move |a, b| keys[a].cmp(&keys[b])
    }

    #[test]
    fn merge_sort_is_stable() {
        let keys = [3, 1, 2, 1, 3, 0, 2, 1];
        let mut v: Vec<usize> = (0..keys.len()).collect();
        merge_sort(&mut v, &by_key(&keys));
        assert_eq!(v, [5, 1, 3, 7, 2, 6, 0, 4]);
    }

    #[test]
    fn partial_sort_orders_the_window() {
        let keys: Vec<i32> = (0..100).map(|i| (i * 37 + 11) % 23).collect();
        let cmp = by_key(&keys);
        let mut full: Vec<usize> = (0..keys.len()).collect();
        merge_sort(&mut full, &cmp);
        for hi in [0, 5, 6, 7, 20, 41, 98] {
            let mut v: Vec<usize> = (0..keys.len()).collect();
            partial_sort(&mut v, &cmp, 0, hi);
            let got: Vec<i32> = v[..=hi].iter().map(|&i| keys[i]).collect();
            let want: Vec<i32> = full[..=hi].iter().map(|&i| keys[i]).collect();
            assert_eq!(got, want, "window 0..={hi}");
        }
    }
}
