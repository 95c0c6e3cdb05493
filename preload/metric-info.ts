/**
 * What each evaluation metric is called and which direction is better: the engine's own table,
 * shared with the renderer (which may not import main/ directly) so the two never disagree.
 */
export { METRIC_INFO } from '../main/evaluate/result-types';
