// Console output for the engine's console capture: one message per level, then an uncaught error.
console.log('demo log');
console.warn('demo warn');
console.error('demo error');
document.getElementById('console-status').setAttribute('data-done', 'true');
setTimeout(function () { throw new Error('demo uncaught error'); }, 0);
