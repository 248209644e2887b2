/**
 * The composition root shared by both front ends (Electron and `k8s-synth serve`): loads the
 * catalog, creates the Session and the file services, brings back the autosaved working state,
 * and puts the validated dispatcher and the event hub in front of them. A transport needs only
 * `dispatcher` and `hub`.
 */
import { mkdir } from 'node:fs/promises';
import type { AppInfo, Notice } from '../preload/contract';
import { createDispatcher, type Dispatcher, type Handlers } from './api/dispatcher';
import { EventHub } from './api/event-hub';
import { createRackHandlers, wireRackEvents, type FileDialogs } from './api/rack-services';
import { loadCatalog, resourcesDir as defaultResourcesDir } from './catalog/load-catalog';
import { appVersion } from './app-root';
import { Autosave, keepAutosaveCopy, restoreAutosave } from './files/autosave';
import { documentName, DocumentService } from './files/document-service';
import { listExamples } from './files/examples';
import { RecentFiles } from './files/recent-files';
import type { Catalog } from './patch/catalog';
import { systemTime, type AppTime } from './time/app-time';
import { Session } from './session/session';
import { createHistoryHandlers } from './api/history-handlers';
import { attachHistory, openHistory, type AttachedHistory } from './history/history-service';
import { createSimHandlers } from './api/sim-handlers';
import { createYamlHandlers } from './api/yaml-handlers';
import { simReplayFollower } from './sim/sim-replay';
import { SimService } from './sim/sim-service';
import { createHardwareHandlers } from './api/hardware-handlers';
import { HardwareService } from './hardware/hardware-service';
import { createAudioHandlers } from './api/audio-handlers';
import { AudioService } from './audio/audio-service';
import { createClusterHandlers } from './api/cluster-handlers';
import { patchNameFor } from './synth/synth';
import { ClusterService } from './cluster/cluster-service';
import { publishTopology } from './cluster/eno/publish';
import { FollowService } from './cluster/follow/follow-service';
import { createFollowHandlers } from './api/follow-handlers';
import { createLiveHandlers } from './api/live-handlers';
import { LiveService } from './cluster/live/live-service';

export interface RackOptions {
  mode: AppInfo['mode'];
  dataDir: string;
  /** Defaults to the catalog loader's resourcesDir(). */
  resourcesDir?: string;
  /** Autosave debounce in ms (default 1 s). */
  autosaveMs?: number;
  /** A patch file to open at start, after the autosaved state is restored. */
  file?: string;
  dialogs?: FileDialogs;
  /** The clocks and timers every scheduler gets (default: the system's; tests pass manual ones). */
  time?: Partial<AppTime>;
  /** Also told every notice, from the very first (the terminal in web mode). */
  onNotice?: (notice: Notice) => void;
  logError?: (message: string) => void;
  /** The history database file (default $K8S_SYNTH_DB, else <dataDir>/history.sqlite). */
  historyDb?: string;
  /** Real clusters: the kubeconfig environment (default process.env) and whether to watch its files. */
  cluster?: { env?: NodeJS.ProcessEnv; watchFiles?: boolean; loginShell?: boolean };
}

export interface Rack {
  dispatcher: Dispatcher;
  hub: EventHub;
  session: Session;
  documents: DocumentService;
  catalog: Catalog;
  autosave: Autosave;
  /** The patch history (SQLite), performances and the record/replay deck; undefined when SQLite cannot load. */
  history: AttachedHistory | undefined;
  /** The embedded simulated cluster. */
  sim: SimService;
  /** Serial links to the physical rack, the mirror and the patch guide. */
  hardware: HardwareService;
  /** Sound: the simulator's steps as voices, played through what is patched into an AUDIO OUT. */
  audio: AudioService;
  /** Kubeconfig contexts and the Cluster tab's connection. */
  cluster: ClusterService;
  follow: FollowService;
  /** The connected namespace watched onto the faceplates (the frames' source while connected). */
  live: LiveService;
  /** Writes any pending autosave and stops following changes. */
  close(): Promise<void>;
}

/** Builds the running rack. Problems at start (bad module files, autosave) become notices. */
export async function createRack(options: RackOptions): Promise<Rack> {
  const logError = options.logError ?? ((m: string) => console.error(m));
  const resources = options.resourcesDir ?? defaultResourcesDir();
  const hub = new EventHub(logError);
  if (options.onNotice) hub.on('notice', options.onNotice);
  const notify = (notice: Notice): void => hub.emit('notice', notice);

  // Created up front so recent.json can be written; a failure shows up as the autosave notice.
  await mkdir(options.dataDir, { recursive: true }).catch(() => undefined);
  const { catalog, errors } = await loadCatalog(resources);
  if (errors.length) notify({ level: 'warning', message: `Some module definitions could not be loaded:\n${errors.join('\n')}` });

  // The history opens first: the Session journals every op into it and keeps undo there.
  const time: AppTime = { ...systemTime, ...options.time };
  const clock = time.wall;
  const opened = openHistory({ dataDir: options.dataDir, file: options.historyDb, catalog, clock, notify });
  const session = new Session(catalog, clock, undefined, opened ? { history: opened.store } : {});
  const recent = new RecentFiles(options.dataDir, logError);
  await recent.load();
  const documents = new DocumentService({ session, catalog, recent, resourcesDir: resources, notify });
  const disposeEvents = wireRackEvents({ session, documents }, hub);
  hub.holdClientsUntil(() => session.committed());

  await restoreAutosave({ dataDir: options.dataDir, catalog, documents, notify });
  const autosave = new Autosave({
    dataDir: options.dataDir,
    session,
    documents,
    notify,
    delayMs: options.autosaveMs,
    clock,
    timers: time.timers,
  });
  // Started before the start-up file opens, so the autosave follows that file at once.
  autosave.start();
  if (options.file) await openAtStart(options.file, options.dataDir, documents, notify);
  // The history attaches after the autosave and the start-up file, so the last document's undo can resume.
  const history =
    opened &&
    attachHistory(opened, {
      session,
      documents,
      dataDir: options.dataDir,
      catalog,
      notify,
      time,
      onDeck: (state) => hub.emit('deck.changed', state),
      onUndoChanged: (state) => hub.emit('undo.changed', state),
    });

  // The simulated cluster follows the Session; paused until the user presses run.
  const sim = new SimService({ session, catalog, hub, clock, timers: time.timers });
  // A replayed performance drives the simulator on its own timeline (deterministic frames).
  history?.deck.followWith(simReplayFollower(sim));
  // The physical rack's links; nothing opens until the user connects a port.
  const hardware = new HardwareService({ session, catalog, hub, clock: time.monotonic, timers: time.timers, history });
  const audio = new AudioService({ session, sim, hub, notify, device: process.env.K8S_SYNTH_AUDIO_DEVICE });

  // Real clusters: contexts from the kubeconfig files; nothing connects until the user asks.
  const cluster = new ClusterService({
    env: options.cluster?.env ?? process.env,
    watchFiles: options.cluster?.watchFiles ?? true,
    loginShell: options.cluster?.loginShell ?? true,
    onChange: (state) => {
      hub.emit('cluster.changed', state);
      follow.connectionChanged(); // arming holds for one connection
    },
  });
  // Follow mode: armed for the open connection, every patch change is applied to it.
  const patchName = () => patchNameFor(documents.state().path);
  const follow: FollowService = new FollowService({
    cluster,
    session,
    timers: time.timers,
    patchName,
    onChange: (state) => hub.emit('follow.changed', state),
    publish: (conn, namespace, name) => publishTopology(conn, session.patch, name, namespace).then(() => undefined),
  });
  await cluster.start();
  const live = new LiveService({ cluster, session, catalog, sim, hub, clock });

  const info: AppInfo = { mode: options.mode, version: appVersion(), nativeDialogs: options.dialogs !== undefined };
  const core = createRackHandlers({
    session,
    documents,
    catalog,
    info,
    dialogs: options.dialogs,
    listExamples: () => listExamples(resources, logError),
  });
  // One handler set per feature; the type says when a contract request has none.
  const handlers: Handlers = {
    ...core,
    ...createHistoryHandlers({ session, history }),
    ...createSimHandlers(sim),
    ...createYamlHandlers({ documents, catalog }),
    ...createHardwareHandlers(hardware),
    ...createAudioHandlers({ audio, history, catalog }),
    ...createClusterHandlers({ cluster, session, documents, catalog }),
    ...createFollowHandlers({ follow, cluster, session, patchName }),
    ...createLiveHandlers(live),
  };
  return {
    // Group commit: replies and events leave the process only once their ops are on disk.
    dispatcher: createDispatcher(handlers, { logError, committed: () => session.committed() }),
    hub,
    session,
    documents,
    catalog,
    autosave,
    history,
    sim,
    hardware,
    audio,
    cluster,
    follow,
    live,
    async close() {
      live.dispose();
      follow.dispose();
      cluster.dispose();
      audio.dispose();
      await hardware.dispose(); // closes the serial links before the session goes
      sim.dispose();
      await autosave.flush();
      autosave.dispose();
      disposeEvents();
      await history?.close();
    },
  };
}

/**
 * Opens the command line's file. Recovered unsaved work is copied aside first (and the copy
 * named in a notice); if the copy fails, the file is not opened, so the work is never dropped.
 */
async function openAtStart(
  file: string,
  dataDir: string,
  documents: DocumentService,
  notify: (notice: Notice) => void,
): Promise<void> {
  const before = documents.state();
  if (before.dirty) {
    const copy = await keepAutosaveCopy(dataDir);
    if (!copy) {
      notify({
        level: 'error',
        message: `${file} was not opened: the recovered unsaved changes to ${documentName(before.path)} could not be kept aside. Save them first.`,
      });
      return;
    }
    notify({ level: 'info', message: `Your unsaved changes to ${documentName(before.path)} were kept in ${copy}.` });
  }
  const outcome = await documents.open(file);
  if (!outcome.ok) notify({ level: 'error', message: outcome.error });
}
