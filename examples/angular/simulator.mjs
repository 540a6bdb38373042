// Graph, with its sign-in, on this machine: `node simulator.mjs`, then open
// the URL it prints while `ng serve` runs. The app signs in to it with MSAL
// (src/app/simulator-sign-in.ts) and runs its operations against it.
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = await new GraphSimulator({ port: Number(process.env.PORT ?? 4300) }).start();
console.log(`Graph simulator at ${sim.baseUrl}`);
console.log(`Open http://localhost:4200/?graph=${encodeURIComponent(sim.baseUrl)} (Ctrl-C stops it)`);
process.once('SIGINT', () => void sim.stop());
