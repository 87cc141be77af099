// The offscreen document (Chrome): runs the photo checks away from web pages and the service worker.
import { serveAnalysis } from '../../src/ml/offscreen';

serveAnalysis();
