import { mount } from 'svelte';
import App from './App.svelte';
import { createWailsApi } from './lib/api';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// The Start call goes out before the first render, which it then overlaps.
const api = createWailsApi();
mount(App, { target, props: { api, started: api.start() } });
