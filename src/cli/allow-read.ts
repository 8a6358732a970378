/**
 * The global `--allow-read <folder>` option (declared in cli.ts): folders
 * whose files a scenario may read besides its own folder's.
 */
import type { LoadOptions } from '../model/scenario/index.js';

/** The option as commands receive it. */
export interface AllowReadArgs {
  readonly allowRead?: readonly string[];
}

/** What the loaders take from it. */
export function loadOptionsOf(args: AllowReadArgs): LoadOptions {
  return args.allowRead === undefined ? {} : { allowRead: args.allowRead };
}
