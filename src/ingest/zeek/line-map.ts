/**
 * Line numbers of a copy that leaves some of a file's lines out (blank, rejected, `#` lines), mapped
 * back to the file's own. Only the places where the copy skips are kept, so a clean file costs nothing.
 */
export class LineMap {
  private readonly copyStarts: number[] = [];
  private readonly fileStarts: number[] = [];
  private nextCopy = 1;
  private nextFile = -1;

  /** Records that the next `n` lines of the copy are the file's lines from `fileLine` on. */
  add(fileLine: number, n: number): void {
    if (n <= 0) return;
    if (fileLine !== this.nextFile) {
      this.copyStarts.push(this.nextCopy);
      this.fileStarts.push(fileLine);
    }
    this.nextCopy += n;
    this.nextFile = fileLine + n;
  }

  /** The file's line number for a (1-based) line of the copy. */
  fileLine(copyLine: number): number {
    let lo = 0;
    let hi = this.copyStarts.length - 1;
    if (hi < 0) return copyLine;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.copyStarts[mid] as number) <= copyLine) lo = mid;
      else hi = mid - 1;
    }
    return (this.fileStarts[lo] as number) + copyLine - (this.copyStarts[lo] as number);
  }
}
