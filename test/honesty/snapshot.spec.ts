import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { snapshotProblem } from "../helpers/snapshot";

// A snapshot test must be able to fail: in CI a changed snapshot fails and the file stays as
// committed, whatever UPDATE_SNAPSHOTS says.
describe("snapshots: CI never rewrites them", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "snapshot-"));
    file = path.join(dir, "x.conf");
    fs.writeFileSync(file, "worker_processes auto;\n");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("an unchanged output passes, in CI and out", () => {
    assert.equal(snapshotProblem(file, "worker_processes auto;\n", { CI: "true" }), undefined);
    assert.equal(snapshotProblem(file, "worker_processes auto;\n", {}), undefined);
  });

  it("in CI a changed output fails and the committed file is kept, even with UPDATE_SNAPSHOTS=1", () => {
    assert.equal(
      snapshotProblem(file, "worker_processes 1;\n", { CI: "true", UPDATE_SNAPSHOTS: "1" }),
      "x.conf differs from the rendered output (CI never rewrites snapshots); run with UPDATE_SNAPSHOTS=1 locally and review the diff",
    );
    assert.equal(fs.readFileSync(file, "utf8"), "worker_processes auto;\n");
  });

  it("locally, UPDATE_SNAPSHOTS=1 rewrites the file and still fails this run", () => {
    assert.equal(
      snapshotProblem(file, "worker_processes 1;\n", { UPDATE_SNAPSHOTS: "1" }),
      "x.conf differs from the rendered output; rewritten (UPDATE_SNAPSHOTS=1): review the diff and run again",
    );
    assert.equal(fs.readFileSync(file, "utf8"), "worker_processes 1;\n");
    assert.equal(snapshotProblem(file, "worker_processes 1;\n", {}), undefined);
  });

  it("without UPDATE_SNAPSHOTS a changed output fails and nothing is written", () => {
    assert.match(snapshotProblem(file, "worker_processes 1;\n", {}) ?? "", /^x\.conf differs/);
    assert.equal(fs.readFileSync(file, "utf8"), "worker_processes auto;\n");
  });
});
