/** Disjoint sets over string keys, with path halving and union by size. */
export class UnionFind {
  private readonly parent = new Map<string, string>();
  private readonly size = new Map<string, number>();

  add(k: string): void {
    if (!this.parent.has(k)) {
      this.parent.set(k, k);
      this.size.set(k, 1);
    }
  }

  has(k: string): boolean {
    return this.parent.has(k);
  }

  find(k: string): string {
    this.add(k);
    let x = k;
    for (let p = this.parent.get(x) as string; p !== x; p = this.parent.get(x) as string) {
      const gp = this.parent.get(p) as string;
      this.parent.set(x, gp);
      x = gp;
    }
    return x;
  }

  /** Joins the sets of `a` and `b`; returns the new root. */
  union(a: string, b: string): string {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    if ((this.size.get(ra) ?? 1) < (this.size.get(rb) ?? 1)) [ra, rb] = [rb, ra];
    this.parent.set(rb, ra);
    this.size.set(ra, (this.size.get(ra) ?? 1) + (this.size.get(rb) ?? 1));
    return ra;
  }

  keys(): IterableIterator<string> {
    return this.parent.keys();
  }
}
