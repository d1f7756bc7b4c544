/** Options of `nx g @compute/nx:init` (also what `nx add @compute/nx` runs); mirrors schema.json. */
export interface InitGeneratorSchema {
  /** Folder of the compute project (default "schedules"). */
  directory?: string;
  /** Name of the compute project (default "compute"). */
  name?: string;
  /** Usernames for the roster (an entry may still hold several, separated by commas or spaces). */
  maintainers?: string[];
  skipFormat?: boolean;
}
