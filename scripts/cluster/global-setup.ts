/** Starts the cluster for the suite and stops exactly it afterwards (also when the suite fails). */
import { startCluster, stopCluster, readState } from "./cluster";

export async function setup() {
  if (readState()) await stopCluster((m) => console.log(`[cluster] stopping a leftover: ${m}`));
  await startCluster({ log: (m) => console.log(`[cluster] ${m}`) });
  return async () => {
    await stopCluster((m) => console.log(`[cluster] stop ${m}`));
  };
}
