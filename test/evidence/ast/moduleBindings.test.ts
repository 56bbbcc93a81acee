import { describe, expect, it } from 'vitest';
import { moduleBindings } from '../../../src/evidence/ast/moduleBindings.js';

describe('moduleBindings', () => {
  it('names what JavaScript and TypeScript imports bind: defaults, named (renamed), namespaces; not requires', () => {
    const source = [
      "import config from './config';",
      "import { paths, loadEnv as env } from './env';",
      "import type { Options } from './types';",
      "import * as fsx from 'fs-extra';",
      "import Default, { named } from 'lib';",
      "const cp = require('child_process');",
      "  // import fake from 'nowhere' is a comment only when it does not start the line",
    ].join('\n');
    expect([...moduleBindings(source, 'javascript')].sort()).toEqual(['Default', 'Options', 'config', 'env', 'fsx', 'named', 'paths']);
  });

  it('names what Python imports bind: the first name of a package, `as` names, parenthesised lists, imports inside functions', () => {
    const source = ['import os.path', 'import numpy as np', 'from django.conf import settings', 'from .models import (', '    Order,', '    Item as LineItem,', ')', 'def f():', '    import tempfile'].join('\n');
    expect([...moduleBindings(source, 'python')].sort()).toEqual(['LineItem', 'Order', 'np', 'os', 'settings', 'tempfile']);
  });

  it('names what Go imports bind: the last path segment without a version, an alias; not `_` or `.`', () => {
    const source = ['package main', '', 'import "fmt"', '', 'import (', '\t"net/http"', '\tcfg "example.com/app/config"', '\t"github.com/go-chi/chi/v5"', '\t"gopkg.in/yaml.v3"', '\t_ "github.com/lib/pq"', '\t. "example.com/dot"', ')'].join('\n');
    expect([...moduleBindings(source, 'go')].sort()).toEqual(['cfg', 'chi', 'fmt', 'http', 'yaml']);
  });

  it('binds nothing for languages whose imports name types', () => {
    expect(moduleBindings('import java.util.List;\nimport org.acme.Utils;', 'java').size).toBe(0);
  });
});
