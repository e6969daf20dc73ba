import type { DatasetArray } from "./dataset-schema";

/** A record that cannot be written: names the array, index and field (spec §8). Maps to 400 in the API. */
export class DatasetError extends Error {
  constructor(
    readonly array: DatasetArray | null,
    readonly index: number | null,
    readonly field: string | null,
    readonly problem: string,
  ) {
    const where = array === null ? "dataset" : `${array}[${index}]${field ? `.${field}` : ""}`;
    super(`${where}: ${problem}`);
    this.name = "DatasetError";
  }
}

/** A record id (or a reference) that belongs to another tenant. Maps to 409; reveals nothing about that tenant. */
export class RecordConflictError extends Error {
  constructor(
    readonly array: DatasetArray,
    readonly index: number,
    readonly field: string,
  ) {
    super(`${array}[${index}].${field}: this id belongs to another tenant`);
    this.name = "RecordConflictError";
  }
}
