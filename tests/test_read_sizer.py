"""Reading threads sized from the throughput measured (core.disk.hashing.Sizer), issue 20.

A synthetic disk: with k batches in flight it serves rate(k) bytes per second. The rule: the
size settles within a factor 2 of the smallest size reaching the best throughput, never
leaves [1, limit], and a step up that brings no gain is taken back at the next window."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from cleanup_desktop.core.disk import hashing


class Disk:
    def __init__(self, rate):
        self.rate = rate
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    def run(self, sizer: hashing.Sizer, batches: int, nbytes: int = 1 << 20) -> list[int]:
        seen = []
        for _ in range(batches):
            k = sizer.target
            assert 1 <= k <= sizer.limit
            self.now += nbytes / self.rate(k)  # one batch done at the rate of k in flight
            sizer.done(nbytes)
            seen.append(sizer.target)
        return seen


def saturating(best_k: int, per: float = 50e6):
    return lambda k: per * min(k, best_k)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 16), st.integers(1, 32), st.integers(1, 8))
def test_settles_near_the_smallest_size_giving_the_best_throughput(best_k, limit, start):
    disk = Disk(saturating(best_k))
    sizer = hashing.Sizer(start, limit, clock=disk.clock)
    sizer.start_probing()
    seen = disk.run(sizer, 4000)
    want = min(best_k, limit)
    tail = seen[-2000:]
    # Settled: most of the end at one size, within a factor 2 of the best one (it probes one
    # step up every PROBE_EVERY windows, and a step that did not pay is taken back).
    settled = max(set(tail), key=tail.count)
    assert want / 2 <= settled <= max(want * 2, start), (best_k, limit, start, settled)
    assert tail.count(settled) >= len(tail) * 0.7


@given(st.integers(2, 16))
def test_a_disk_that_gets_slower_with_more_readers_is_not_given_more(limit):
    disk = Disk(lambda k: 100e6 / k)  # every extra reader costs (a spinning disk seeking)
    sizer = hashing.Sizer(1, limit, clock=disk.clock)
    sizer.start_probing()
    seen = disk.run(sizer, 4000)
    tail = seen[-2000:]
    assert tail.count(1) >= len(tail) * 0.7


def test_no_gain_means_back_at_the_next_window():
    disk = Disk(lambda k: 80e6)  # flat: more readers change nothing
    sizer = hashing.Sizer(2, 8, clock=disk.clock)
    sizer.start_probing()
    seen = disk.run(sizer, 400)
    ups = [i for i in range(1, len(seen)) if seen[i] > seen[i - 1]]
    assert ups, "it never tried more readers"
    for i in ups:
        back = next((j for j in range(i + 1, len(seen)) if seen[j] < seen[i]), None)
        assert back is not None and back - i <= 2 * max(hashing.Sizer.WINDOW_BATCHES, int(hashing.Sizer.WINDOW_S * 80e6 / (1 << 20)) + 1)
