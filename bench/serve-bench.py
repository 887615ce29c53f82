#!/usr/bin/env python3
"""Benchmarks `hub serve` on the 10,000-article corpus (issue 4's budget):

  * one article edited: rebuild time, median of 20 (budget: <= 50 ms);
  * a template changed: re-render time vs. a full build (budget: < half);
  * memory over 500 successive edits (budget: < 10 % growth).

Times are the ones `hub serve` prints for each rebuild (file read to pages in memory),
not including the watcher's 80 ms debounce. Usage:

  swift build -c release --product hub
  python3 bench/serve-bench.py [--hub .build/release/hub] [--corpus /tmp/corpus-10000] [--edits 500]

Makes its own copy of the site under /tmp (edits never touch the corpus or Templates/).
"""
import argparse, os, re, select, shutil, signal, statistics, subprocess, sys, time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

class Serve:
    def __init__(self, hub, root):
        self.proc = subprocess.Popen([hub, "serve", "--root", root, "--port", "0"], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.lines = []
        self.partial = {self.proc.stdout.fileno(): b"", self.proc.stderr.fileno(): b""}
        self.ready = []

    def _read_lines(self, timeout):
        # Raw reads and our own line splitting: select() on a buffered text stream can
        # block while whole lines wait in Python's buffer.
        fds, _, _ = select.select(list(self.partial), [], [], timeout)
        for fd in fds:
            chunk = os.read(fd, 65536)
            if not chunk:
                continue
            data = self.partial[fd] + chunk
            *complete, self.partial[fd] = data.split(b"\n")
            self.ready += [line.decode("utf-8", "replace") for line in complete]

    def wait_line(self, pattern, timeout=600):
        deadline = time.time() + timeout
        regex = re.compile(pattern)
        while time.time() < deadline:
            while self.ready:
                line = self.ready.pop(0)
                self.lines.append(line)
                match = regex.search(line)
                if match:
                    return match
            self._read_lines(1)
        raise SystemExit(f"timed out waiting for {pattern!r}; last lines: {self.lines[-5:]}")

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None

def write(path, text):
    # As editors do: a temp file renamed over the original.
    temporary = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(temporary, "w") as f:
        f.write(text)
    os.replace(temporary, path)

def edit_and_time(serve, path, text):
    write(path, text)
    match = serve.wait_line(r"(Rebuilt \(.*\): (\d+) files? written in (\d+) ms)|(Rebuild failed)")
    if match.group(4):
        raise SystemExit("a benchmark edit failed to build: " + "".join(serve.lines[-20:]))
    return int(match.group(3)), int(match.group(2))

def settled_time(serve):
    # A front-matter edit renders the pages listing the article just after the reload.
    match = serve.wait_line(r"then (\d+) pages? listing it in (\d+) ms")
    return int(match.group(2)), int(match.group(1))

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hub", default=os.path.join(REPO, ".build/release/hub"))
    parser.add_argument("--corpus", default="/tmp/corpus-10000")
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--site", default="/tmp/hub-serve-bench-site")
    args = parser.parse_args()
    if not os.path.exists(args.hub):
        raise SystemExit(f"no {args.hub}; run: swift build -c release --product hub")
    if not os.path.isdir(os.path.join(args.corpus, "articles")):
        gen = os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py")
        subprocess.run([sys.executable, gen, "--articles", "10000", "--out", args.corpus], check=True)

    subprocess.run([os.path.join(REPO, "bench", "make-site.sh"), args.corpus, args.site], check=True, stdout=subprocess.DEVNULL)
    # Real copies, so edits touch neither the corpus nor the repository's templates.
    for folder, source in (("Content/articles", os.path.join(args.corpus, "articles")), ("Templates", os.path.join(REPO, "Templates"))):
        target = os.path.join(args.site, folder)
        os.unlink(target)
        shutil.copytree(source, target)
    articles = sorted(os.listdir(os.path.join(args.site, "Content/articles")))
    print(f"site: {args.site} ({len(articles)} articles), hub: {args.hub}, cores: {os.cpu_count()}, "
          f"load: {os.getloadavg()[0]:.1f}")

    started = time.time()
    full = subprocess.run([args.hub, "build", "--root", args.site, "--output", "/tmp/hub-serve-bench-public", "--quiet"])
    full_build_ms = (time.time() - started) * 1000
    if full.returncode != 0:
        raise SystemExit("hub build failed on the bench site")

    serve = Serve(args.hub, args.site)
    try:
        measure(args, serve, articles, full_build_ms)
    finally:
        if serve.proc.poll() is None:
            serve.proc.kill()

def measure(args, serve, articles, full_build_ms):
    first = serve.wait_line(r"Built: (\d+) files? written in (\d+) ms")
    serve.wait_line(r"Serving .* at (http://\S+)")
    preview_full_ms = int(first.group(2))
    print(f"full build: hub build {full_build_ms:.0f} ms wall; hub serve's first build {preview_full_ms} ms")

    target = os.path.join(args.site, "Content/articles", articles[len(articles) // 2])
    original = open(target).read()
    body_times, lead_times, title_times, title_files, title_all = [], [], [], [], []
    for i in range(20):
        ms, _ = edit_and_time(serve, target, original + f"\nAn edited sentence, number {i}.\n")
        body_times.append(ms)
    # A sentence added at the start of the body changes the words related articles are
    # chosen by (title, summary, the first 1,500 bytes), so other pages' lists may move.
    lead_words = ["gardening", "allotment", "choir", "cycling", "housing"]
    for i in range(20):
        edited = original.replace("\n---\n\n", f"\n---\n\nPeople often mention {lead_words[i % 5]} first, time {i}. ", 1)
        ms, _ = edit_and_time(serve, target, edited)
        lead_times.append(ms)
        time.sleep(0.3)  # other pages whose related lists moved are rendered just after
    for i in range(20):
        edited = re.sub(r'^title: "?(.*?)"?$', lambda m: f'title: "{m.group(1)} (edit {i})"', original, count=1, flags=re.M)
        ms, files = edit_and_time(serve, target, edited)
        later_ms, later_files = settled_time(serve)
        title_times.append(ms)
        title_all.append(ms + later_ms)
        title_files.append(files + later_files)
    edit_and_time(serve, target, original)
    settled_time(serve)
    print(f"one article's body edited: median {statistics.median(body_times):.0f} ms of 20 "
          f"(min {min(body_times)}, max {max(body_times)}) [budget <= 50 ms]")
    print(f"a sentence added at the start of its body: median {statistics.median(lead_times):.0f} ms of 20 "
          f"(min {min(lead_times)}, max {max(lead_times)}) [budget <= 50 ms]")
    print(f"one article's title edited: its page reloaded after median {statistics.median(title_times):.0f} ms of 20 "
          f"(min {min(title_times)}, max {max(title_times)}); every page showing it after {statistics.median(title_all):.0f} ms "
          f"(min {min(title_all)}, max {max(title_all)}), {statistics.median(title_files):.0f} files re-rendered")

    template = os.path.join(args.site, "Templates/article.mustache")
    template_text = open(template).read()
    template_times = []
    for i in range(3):
        ms, files = edit_and_time(serve, template, template_text + f"{{{{! edit {i} }}}}\n")
        template_times.append(ms)
    edit_and_time(serve, template, template_text)
    median_template = statistics.median(template_times)
    print(f"template changed: median {median_template:.0f} ms of 3 ({files} files), "
          f"{median_template / full_build_ms:.2f}x hub build, {median_template / preview_full_ms:.2f}x serve's full build [budget < 0.5x]")

    before = rss_kib(serve.proc.pid)
    edit_times = []
    for i in range(args.edits):
        ms, _ = edit_and_time(serve, target, original + f"\nMemory run edit {i}.\n")
        edit_times.append(ms)
    after = rss_kib(serve.proc.pid)
    growth = (after - before) / before * 100
    print(f"memory over {args.edits} edits: {before / 1024:.0f} MiB -> {after / 1024:.0f} MiB ({growth:+.1f} %) [budget < 10 %]; "
          f"edit median {statistics.median(edit_times):.0f} ms")
    write(target, original)
    status = serve.stop()
    print(f"hub serve stopped with status {status}")

if __name__ == "__main__":
    main()
