/**
 * Binary min-heap ordered by a numeric key.
 *
 * @internal
 */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly keyOf: (item: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    this.items.push(item);
    this.siftUp(this.items.length - 1);
  }

  pop(): T | undefined {
    const top = this.items[0];
    const last = this.items.pop();

    if (this.items.length > 0 && last !== undefined) {
      this.items[0] = last;
      this.siftDown(0);
    }

    return top;
  }

  clear(): void {
    this.items.length = 0;
  }

  private siftUp(index: number): void {
    let child = index;

    while (child > 0) {
      const parent = (child - 1) >> 1;

      if (this.keyOf(this.items[parent]) <= this.keyOf(this.items[child])) {
        return;
      }

      this.swap(parent, child);
      child = parent;
    }
  }

  private siftDown(index: number): void {
    let parent = index;

    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;

      if (left < this.items.length && this.keyOf(this.items[left]) < this.keyOf(this.items[smallest])) {
        smallest = left;
      }

      if (right < this.items.length && this.keyOf(this.items[right]) < this.keyOf(this.items[smallest])) {
        smallest = right;
      }

      if (smallest === parent) {
        return;
      }

      this.swap(parent, smallest);
      parent = smallest;
    }
  }

  private swap(a: number, b: number): void {
    const item = this.items[a];
    this.items[a] = this.items[b];
    this.items[b] = item;
  }
}
