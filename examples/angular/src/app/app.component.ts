import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { MsalService } from '@azure/msal-angular';
import type { AccountInfo } from '@azure/msal-browser';
import { GRAPH_SCOPES } from './auth.config';
import { OperationsComponent } from './operations.component';

@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [OperationsComponent],
  template: `
    <h1>Workbook and drive operations</h1>
    @if (account(); as signedIn) {
      <p data-testid="account">Signed in as {{ signedIn.name }} ({{ signedIn.username }})</p>
      <button type="button" data-testid="start" (click)="start()" [disabled]="running()">Start operations</button>
      <button type="button" data-testid="cancel" (click)="operations()?.cancel()" [disabled]="!running()">Cancel</button>
      <button type="button" data-testid="close" (click)="runs.set([])" [disabled]="runs().length === 0">Close</button>
      @for (run of runs(); track run) {
        <app-operations />
      }
    } @else {
      <button type="button" data-testid="sign-in" (click)="signIn()" [disabled]="!ready()">Sign in</button>
    }
  `,
})
export class AppComponent {
  private readonly msal = inject(MsalService);
  readonly ready = signal(false);
  readonly account = signal<AccountInfo | null>(null);
  /** One entry per run: a new run is a new OperationsComponent, so the old one is destroyed (and cancelled). */
  readonly runs = signal<readonly number[]>([]);
  readonly operations = viewChild(OperationsComponent);
  readonly running = computed(() => this.operations()?.running() ?? false);

  constructor() {
    // Finishes a sign-in redirect (the code is redeemed for tokens), or finds the account already signed in.
    this.msal.handleRedirectObservable().subscribe({
      next: (result) => {
        const account = result?.account ?? this.msal.instance.getActiveAccount() ?? this.msal.instance.getAllAccounts()[0] ?? null;
        if (account) this.msal.instance.setActiveAccount(account);
        this.account.set(account);
        this.ready.set(true);
      },
      error: (error: unknown) => {
        console.error('sign-in failed', error);
        this.ready.set(true);
      },
    });
  }

  signIn(): void {
    this.msal.loginRedirect({ scopes: GRAPH_SCOPES }).subscribe();
  }

  start(): void {
    this.runs.update((runs) => [(runs[0] ?? 0) + 1]);
  }
}
