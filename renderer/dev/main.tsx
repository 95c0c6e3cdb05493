// Dev-only: install the fake engine, then start the real renderer.
import { installFakeStudio } from './fake-studio';

installFakeStudio();
void import('../src/main');
