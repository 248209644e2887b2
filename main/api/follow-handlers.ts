/**
 * Follow mode's and Eno's requests (`follow.*`, `eno.*`) over the FollowService and the Cluster
 * tab's connection. Inputs were validated by the dispatcher; failures come back as
 * `{ok: false, error}` with a sentence (never a raw error). The topology published is the
 * Session's patch, synthesized here in main.
 */
import type { ClusterService } from '../cluster/cluster-service';
import { enoState } from '../cluster/eno/composition';
import { publishTopology } from '../cluster/eno/publish';
import type { FollowService } from '../cluster/follow/follow-service';
import type { Session } from '../session/session';
import type { Handlers } from './dispatcher';

const failure = (error: unknown) => ({ ok: false as const, error: error instanceof Error ? error.message : String(error) });

export function createFollowHandlers(deps: {
  follow: FollowService;
  cluster: ClusterService;
  session: Session;
  patchName: () => string;
}) {
  const { follow, cluster, session, patchName } = deps;
  const connection = () => {
    const current = cluster.current();
    if (!current) throw new Error('Not connected: connect to a context in the Cluster tab first.');
    return current;
  };
  // While armed the ConfigMap belongs to the armed patch's name, else to the open file's.
  const name = () => follow.state().patchName ?? patchName();
  const eno = async () => {
    const { conn, namespace } = connection();
    try {
      return { ok: true as const, eno: await enoState(conn, namespace, name()) };
    } catch (error) {
      return failure(new Error(conn.describe(error, namespace)));
    }
  };
  return {
    'follow.state': () => follow.state(),
    'follow.arm': ({ context, namespace }) => {
      try {
        return { ok: true as const, state: follow.arm(context, namespace) };
      } catch (error) {
        return failure(error);
      }
    },
    'follow.disarm': () => follow.disarm('disarmed on screen'),
    'follow.publish-topology': ({ on }) => follow.setPublishTopology(on),
    'eno.publish': async ({ namespace }) => {
      try {
        const { conn, namespace: current } = connection();
        // The confirmation named this namespace: publish nowhere else.
        if (namespace !== current) throw new Error(`The namespace is now ${current}, not ${namespace}: confirm again.`);
        try {
          await publishTopology(conn, session.patch, name(), namespace);
        } catch (error) {
          throw new Error(conn.describe(error, namespace));
        }
        return await eno();
      } catch (error) {
        return failure(error);
      }
    },
    'eno.status': async () => {
      try {
        return await eno();
      } catch (error) {
        return failure(error);
      }
    },
  } satisfies Partial<Handlers>;
}
