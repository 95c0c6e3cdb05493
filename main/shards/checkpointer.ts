/**
 * The host side of a resumable score: each chunk handed to the writer is remembered with the rows
 * and summary totals it brings the run to; when the writer says that chunk is in the file, those
 * become the checkpoint. The checkpoint file is replaced at most every `intervalMs` (and once more
 * when the run stops), so it costs nothing measurable.
 */
import type { WrittenSoFar } from '../data/written-so-far';
import {
  writeCheckpoint,
  type CheckpointProgress,
  type ScoreCheckpoint,
  type SummaryState,
} from './checkpoint';

/** What the engine hands the host for a resumable run. */
export interface CheckpointPlan {
  /** Where the checkpoint goes. */
  path: string;
  /** The fields that stay the same for the whole run. */
  base: Omit<ScoreCheckpoint, 'progress' | 'updatedAt'>;
  /** `--resume` with a checkpoint that matched: where to continue from. */
  resume?: CheckpointProgress & { fromRunId: number };
}

const CHECKPOINT_INTERVAL_MS = 1000;

export class Checkpointer {
  private readonly inFlight: { rowsDone: number; summary: SummaryState }[] = [];
  private latest: CheckpointProgress | null;
  private savedAt = -Infinity;
  private dirty = false;

  constructor(
    private readonly plan: CheckpointPlan,
    private readonly intervalMs = CHECKPOINT_INTERVAL_MS,
  ) {
    this.latest = plan.resume
      ? {
          rowsDone: plan.resume.rowsDone,
          bytes: plan.resume.bytes,
          sha256: plan.resume.sha256,
          summary: plan.resume.summary,
        }
      : null;
  }

  /** A chunk was handed to the writer; once written, the run is at `rowsDone` with these totals. */
  handedOver(rowsDone: number, summary: SummaryState): void {
    this.inFlight.push({ rowsDone, summary });
  }

  /** The writer's answer for the oldest chunk handed over and not yet answered. */
  written(written: WrittenSoFar): void {
    const chunk = this.inFlight.shift();
    if (!chunk) return;
    this.latest = {
      rowsDone: chunk.rowsDone,
      bytes: written.bytes,
      sha256: written.sha256,
      summary: chunk.summary,
    };
    this.dirty = true;
    if (performance.now() - this.savedAt >= this.intervalMs) this.save();
  }

  /** sha256 of the file as written so far: after the writer finished, of the whole output. */
  writtenSha256(): string | undefined {
    return this.inFlight.length === 0 ? this.latest?.sha256 : undefined;
  }

  /** Writes what is known now (a run stopping: cancelled, or failing to be resumed later). */
  save(): void {
    if (!this.dirty && this.savedAt !== -Infinity) return;
    writeCheckpoint(this.plan.path, {
      ...this.plan.base,
      progress: this.latest,
      updatedAt: new Date().toISOString(),
    });
    this.savedAt = performance.now();
    this.dirty = false;
  }
}
