// The demo shop passes what it knows to the chat, as a real shop would (routing rules can match it).
window.sessiondesk?.setParams({ product: 'AQ-7', basket: '12990' });
