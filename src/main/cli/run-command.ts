import { AppError } from '../../shared/contract/errors';
import { UsageError } from './args';
import { describeError } from './messages';

/** Runs a command's body and turns known failures into a clear message and exit code. */
export async function runCommand(body: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await body()) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exitCode = 2;
    } else if (error instanceof AppError) {
      console.error(describeError(error));
      process.exitCode = 1;
    } else {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    }
  }
}
