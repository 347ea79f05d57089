// The smallest client of `argmap lsp`: it starts the server for YAML and Argdown files
// and forwards the preview command. Install: `npm install` in this folder, then
// `npx @vscode/vsce package` and install the .vsix (or open the folder and press F5).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace
    .getConfiguration("argmap")
    .get("command", ["argmap", "lsp"]);
  client = new LanguageClient(
    "argmap",
    "argmap",
    { command, args },
    {
      documentSelector: [
        { scheme: "file", language: "yaml" },
        { scheme: "file", pattern: "**/*.argdown" },
      ],
    }
  );
  context.subscriptions.push(
    vscode.commands.registerCommand("argmap.openPreview", () => {
      const editor = vscode.window.activeTextEditor;
      if (editor) {
        client.sendRequest("workspace/executeCommand", {
          command: "argmap.preview",
          arguments: [editor.document.uri.toString()],
        });
      }
    })
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
