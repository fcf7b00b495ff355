// Starts `carelint server` for Markdown and plain-text documents. Everything else (diagnostics,
// quick fixes, hover, watching .carelint.yml) is the server's; this file only launches it.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const command = vscode.workspace.getConfiguration("carelint").get<string>("path", "carelint");
  const serverOptions: ServerOptions = {
    command,
    args: ["server"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/.carelint.{yml,yaml}"),
    },
  };
  client = new LanguageClient("carelint", "carelint", serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
