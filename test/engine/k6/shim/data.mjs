// SharedArray: k6 calls the loader once and shares the result read-only.
export class SharedArray {
  constructor(_name, loader) {
    // biome-ignore lint/correctness/noConstructorReturn: k6's SharedArray is a constructor that returns the shared array itself
    return Object.freeze(loader());
  }
}
export default { SharedArray };
