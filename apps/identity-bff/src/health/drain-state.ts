import { Injectable } from '@nestjs/common';

/** Set on SIGTERM, before the server stops accepting: readiness fails so traffic moves elsewhere. */
@Injectable()
export class DrainState {
  private drainingSince?: number;

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  startDraining(): void {
    this.drainingSince ??= Date.now();
  }
}
