import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Command, Help } from 'commander';
import { buildCtipProgram, commandGroups, readCtipVersion } from './program.ts';
import { runCtipCommand } from './run-command.ts';

describe('the ctip command tree', () => {
  test('the top-level help lists every command as the command itself describes it', async () => {
    const help = new Help();
    for (const group of commandGroups) {
      const program = new Command();
      await group.register(program, { runCommand: runCtipCommand });
      assert.deepEqual(
        program.commands.map((command) => ({
          name: command.name(),
          term: help.subcommandTerm(command),
          description: command.description(),
        })),
        group.commands,
      );
    }
  });

  test('only the command being run is defined in full; the others are listed', async () => {
    const program = await buildCtipProgram({ argv: ['stats', '--fy', '2004'], runCommand: runCtipCommand });
    const names = program.commands.map((command) => command.name());
    assert.deepEqual(
      names,
      commandGroups.flatMap((group) => group.commands.map((command) => command.name)),
    );
    const stats = program.commands.find((command) => command.name() === 'stats')!;
    assert.ok(stats.options.some((option) => option.long === '--fiscal-year' && option.short === '--fy'));
    const users = program.commands.find((command) => command.name() === 'users')!;
    assert.equal(users.commands.length, 0);
    // `ctip help users` defines users in full.
    const forHelp = await buildCtipProgram({ argv: ['help', 'users'], runCommand: runCtipCommand });
    assert.ok(forHelp.commands.find((command) => command.name() === 'users')!.commands.length > 0);
  });

  test('the version is package.json’s', () => {
    const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    assert.equal(readCtipVersion(), packageJson.version);
  });
});
