// SharedArray: k6 calls the loader once and shares the result read-only.
export class SharedArray {
  constructor(name, loader) {
    return Object.freeze(loader());
  }
}
export default { SharedArray };
