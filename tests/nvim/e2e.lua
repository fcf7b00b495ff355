-- End-to-end test of `carelint server` in headless Neovim (Debian's package, 0.7 or newer):
-- open an article, wait for diagnostics and check their ranges, apply a code action, edit the
-- buffer and see the diagnostics update, change .carelint.yml and see them change.
--
-- Run: CARELINT_BIN=target/debug/carelint nvim --headless -u NONE -c "luafile tests/nvim/e2e.lua"
-- Exits 0 when every check passes, 1 (with the reason on stderr) otherwise.

local bin = os.getenv("CARELINT_BIN") or "target/debug/carelint"
local checks = 0

local function fail(why)
  io.stderr:write("nvim e2e: FAILED: " .. why .. "\n")
  vim.cmd("cquit 1")
end

local function check(ok, why)
  if not ok then
    fail(why)
  end
  checks = checks + 1
end

local function run()
  vim.cmd("filetype on")
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir .. "/.git", "p")
  local article = dir .. "/draft.md"
  local config = dir .. "/.carelint.yml"
  -- Our own text: an emoji and CJK before a number broken by a stray space.
  vim.fn.writefile({
    "# A draft 😀",
    "",
    "漢字 and 😀: about 7. 5% of adults said so, per a 2023 survey by the Office for National Statistics.",
  }, article)
  vim.fn.writefile({ "rules:", "  figures/broken-number: warning" }, config)

  local client_id = vim.lsp.start_client({
    name = "carelint",
    cmd = { bin, "server" },
    root_dir = dir,
    init_options = { debounceMs = 20 },
  })
  check(client_id ~= nil, "the client did not start")

  vim.cmd("edit " .. vim.fn.fnameescape(article))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)

  local function broken()
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      if lsp.code == "figures/broken-number" then
        table.insert(found, d)
      end
    end
    return found
  end

  check(vim.wait(20000, function() return #broken() == 1 end, 20), "no figures/broken-number diagnostic")
  local d = broken()[1]
  local line = vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1]
  local at = line:find("7. 5", 1, true) - 1
  check(d.lnum == 2 and d.col == at and d.end_col == at + 4,
    string.format("range %d:%d-%d, expected 2:%d-%d", d.lnum, d.col, d.end_col, at, at + 4))

  -- The code action: the preferred quick fix joins the number.
  -- Neovim keeps byte columns; the server negotiated UTF-16 with it.
  local _, start16 = vim.str_utfindex(line, d.col)
  local here = { line = d.lnum, character = start16 }
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = here, ["end"] = here },
    context = { diagnostics = {} },
  }
  local replies = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
  local preferred
  for _, reply in pairs(replies) do
    for _, action in ipairs(reply.result or {}) do
      if action.isPreferred then
        preferred = action
      end
    end
  end
  check(preferred ~= nil, "no preferred code action in " .. vim.inspect(replies))
  vim.lsp.util.apply_workspace_edit(preferred.edit, "utf-16")
  line = vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1]
  check(line:find("about 7.5% of adults", 1, true) ~= nil, "the fix was not applied: " .. line)
  check(vim.wait(20000, function() return #broken() == 0 end, 20), "the diagnostic stayed after the fix")

  -- An edit brings a new finding, on the new line.
  vim.api.nvim_buf_set_lines(buf, 3, 3, false, { "", "Some 3. 1% of adults said so too, per the same 2023 survey by the Office for National Statistics." })
  check(vim.wait(20000, function() return #broken() == 1 end, 20), "no diagnostic for the edited line")
  check(broken()[1].lnum == 4, "the new finding is not on line 4")

  -- Turning the rule off in .carelint.yml (edited and saved in the editor) clears it.
  vim.cmd("edit " .. vim.fn.fnameescape(config))
  local config_buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(config_buf, client_id)
  vim.api.nvim_buf_set_lines(config_buf, 1, 2, false, { "  figures/broken-number: off" })
  vim.cmd("write")
  check(vim.wait(20000, function() return #broken() == 0 end, 20), "the config change did not re-lint")

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  io.stdout:write(string.format("nvim e2e: %d checks passed\n", checks))
  vim.cmd("qall!")
end

local ok, err = pcall(run)
if not ok then
  fail(tostring(err))
end
