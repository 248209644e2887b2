/**
 * The contract's requests implemented over the core services (Session, DocumentService, catalog),
 * and the core's changes turned into the contract's events. Transport-free: the dispatcher in
 * front of these handlers has already validated every input.
 */
import type { Catalog } from '../patch/catalog';
import type { Session } from '../session/session';
import type { DocumentService } from '../files/document-service';
import type { AppInfo, Example } from '../../preload/contract';
import type { Handlers } from './dispatcher';
import type { EventHub } from './event-hub';

/**
 * Native file dialogs, when the platform has them (Electron). Each resolves to the chosen path,
 * or null when the user cancels.
 */
export interface FileDialogs {
  pickOpen(): Promise<string | null>;
  pickSave(suggestedPath: string | null): Promise<string | null>;
}

export interface RackServices {
  session: Session;
  documents: DocumentService;
  catalog: Catalog;
  info: AppInfo;
  listExamples: () => Promise<Example[]>;
  /** Absent in web mode: the pick requests then resolve to null and the UI asks for a path. */
  dialogs?: FileDialogs;
}

/**
 * Handlers of the core requests (app, catalog, patch, history, files). Features add their own
 * handler sets beside this one; rack.ts merges them into the full `Handlers`, where the type
 * checks that every contract request has exactly one handler.
 */
export function createRackHandlers(services: RackServices) {
  const { session, documents, catalog, info } = services;
  return {
    'app.info': () => info,
    'catalog.get': () => [...catalog.entries],
    'patch.get': () => ({ version: session.version, patch: session.patch }),
    // Rules for every source (the physical rack's, for one) run inside the Session as middleware.
    'patch.apply': ({ op, source, gesture, baseVersion }) =>
      session.apply(op, {
        source,
        ...(gesture === undefined ? {} : { gesture }),
        ...(baseVersion === undefined ? {} : { baseVersion }),
      }),
    'undo.undo': () => session.undoStep(),
    'undo.redo': () => session.redoStep(),
    'undo.state': () => session.history(),
    'file.state': () => documents.state(),
    'file.new': () => documents.newDocument(),
    'file.open': ({ path }) => documents.open(path),
    'file.pickOpen': async () => {
      const path = await services.dialogs?.pickOpen();
      return path ? documents.open(path) : null;
    },
    'file.save': ({ path }) => documents.save(path),
    'file.pickSave': async () => {
      const path = await services.dialogs?.pickSave(documents.state().path);
      return path ? documents.save(path) : null;
    },
    'file.examples': () => services.listExamples(),
    'file.openExample': ({ name }) => documents.openExample(name),
  } satisfies Partial<Handlers>;
}

/**
 * Forwards core changes to the hub: every patch change as 'patch.changed' followed by the new
 * 'undo.changed', and every file-state change as 'file.changed'. Returns the disposer.
 */
export function wireRackEvents(services: Pick<RackServices, 'session' | 'documents'>, hub: EventHub): () => void {
  const { session, documents } = services;
  const disposers = [
    session.subscribe((change) => {
      hub.emit('patch.changed', change);
      hub.emit('undo.changed', session.history());
    }),
    documents.subscribe((state) => hub.emit('file.changed', state)),
  ];
  return () => disposers.forEach((dispose) => dispose());
}
