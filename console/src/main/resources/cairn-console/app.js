// placeholder, replaced by the console's script
document.getElementById('app').textContent = 'Cairn';
