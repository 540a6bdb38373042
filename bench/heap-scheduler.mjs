// A virtual-time SchedulerLike ordered by a binary heap. rxjs's
// VirtualTimeScheduler re-sorts its whole queue on every schedule, which with
// 10,000 pending timers would dominate the very cost this bench measures.
export class HeapVirtualScheduler {
  time = 0;
  #heap = [];
  #seq = 0;

  now() {
    return this.time;
  }

  schedule(work, delay = 0, state) {
    const action = new HeapAction(this, work, state, this.time + delay, this.#seq++);
    this.#push(action);
    return action;
  }

  flush() {
    while (this.#heap.length) {
      const action = this.#pop();
      if (action.closed) continue;
      this.time = action.at;
      action.closed = true;
      action.work.call(action, action.state);
    }
  }

  #less(a, b) {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #push(action) {
    const h = this.#heap;
    h.push(action);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  #pop() {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.#less(h[l], h[m])) m = l;
        if (r < h.length && this.#less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * One scheduled action. A class, not an object literal with closures: a
 * closure would capture `work` and `state`, so a cancelled action (which
 * stays in the heap until its time: removal is lazy) would keep what it
 * held alive; here unsubscribing lets go of it, as clearTimeout does.
 */
class HeapAction {
  closed = false;

  constructor(scheduler, work, state, at, seq) {
    this.scheduler = scheduler;
    this.work = work;
    this.state = state;
    this.at = at;
    this.seq = seq;
  }

  // rxjs's own operators reschedule through the action (timer with an interval).
  schedule(nextState, nextDelay = 0) {
    return this.scheduler.schedule(this.work, nextDelay, nextState);
  }

  unsubscribe() {
    this.closed = true;
    this.work = undefined;
    this.state = undefined;
  }
}
