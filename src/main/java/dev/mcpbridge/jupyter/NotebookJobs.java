package dev.mcpbridge.jupyter;

import dev.mcpbridge.core.spi.ToolException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Notebook runs in the background (execute_notebook with mode=async): each a job with its progress per cell, a
 * bounded log, a cancel that interrupts the running cell, and a result kept until cleaned up.
 */
public final class NotebookJobs implements AutoCloseable {

    private static final int MAX_LOG_LINES = 5_000;

    /** One background run. Mutable state is guarded by the job itself. */
    public static final class Job {
        final String id = "job-" + UUID.randomUUID().toString().substring(0, 8);
        final NotebookRunner.Prepared prepared;
        final Instant submittedAt = Instant.now();
        final Deque<String> logs = new ArrayDeque<>();
        volatile boolean cancelRequested;
        String status = "running";
        Instant endedAt;
        int cellsDone;
        int cellsTotal;
        long linesDropped;
        NotebookRunner.Result result;
        String failure;
        Future<?> future;

        Job(NotebookRunner.Prepared prepared) {
            this.prepared = prepared;
        }

        synchronized void log(String line) {
            for (String l : line.split("\n", -1)) {
                if (logs.size() >= MAX_LOG_LINES) {
                    logs.removeFirst();
                    linesDropped++;
                }
                logs.addLast(l);
            }
            notifyAll(); // whoever waits on the job for a line (tests, a future "follow" action) wakes up
        }

        public String id() {
            return id;
        }

        synchronized boolean finished() {
            return !status.equals("running");
        }
    }

    private final NotebookRunner runner;
    private final int maxRunning;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "jupyter-job");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    public NotebookJobs(NotebookRunner runner, int maxRunning) {
        this.runner = runner;
        this.maxRunning = maxRunning;
    }

    public Job submit(NotebookRunner.Prepared prepared, Duration timeout, boolean logOutput) {
        Job job = new Job(prepared);
        synchronized (jobs) {
            long running = jobs.values().stream().filter(j -> !j.finished()).count();
            if (running >= maxRunning) {
                throw new ToolException("too many notebook jobs running (" + running + " of at most " + maxRunning
                        + "); wait for one to finish or cancel one with manage_async_job");
            }
            jobs.put(job.id, job);
        }
        job.log("started " + prepared.inputPath() + " -> " + prepared.outputPath());
        job.future = pool.submit(() -> run(job, timeout, logOutput));
        return job;
    }

    private void run(Job job, Duration timeout, boolean logOutput) {
        try {
            NotebookRunner.Result result = runner.run(job.prepared, timeout, () -> job.cancelRequested,
                    new NotebookRunner.Listener() {
                        @Override
                        public void started(int position, int total, int index) {
                            job.log("cell " + index + " (" + position + "/" + total + "): running");
                        }

                        @Override
                        public void cell(int position, int total, int index, String status, String text) {
                            synchronized (job) {
                                job.cellsDone = position;
                                job.cellsTotal = total;
                            }
                            job.log("cell " + index + " (" + position + "/" + total + "): " + status);
                            if (logOutput && !text.isEmpty()) {
                                job.log(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
                            }
                        }
                    });
            synchronized (job) {
                job.result = result;
                job.status = job.cancelRequested ? "cancelled" : result.status().equals("success") ? "completed" : "failed";
                job.endedAt = Instant.now();
            }
            job.log("finished: " + job.status + ", output written to " + result.outputPath());
        } catch (RuntimeException e) {
            synchronized (job) {
                job.failure = e instanceof ToolException ? e.getMessage() : e.getClass().getSimpleName();
                job.status = job.cancelRequested ? "cancelled" : "failed";
                job.endedAt = Instant.now();
            }
            job.log("failed: " + job.failure);
        }
    }

    public Job get(String id) {
        if (id == null || id.isBlank()) {
            throw new ToolException("job_id is required for this action");
        }
        synchronized (jobs) {
            Job job = jobs.get(id);
            if (job == null) {
                throw new ToolException("there is no job with id '" + id + "' (manage_async_job with action=list "
                        + "shows them)");
            }
            return job;
        }
    }

    public Map<String, Object> status(String id, boolean includeLogs, Integer tail) {
        Job job = get(id);
        Map<String, Object> s = summary(job);
        synchronized (job) {
            s.put("output_path", job.prepared.outputPath());
            s.put("parameters", job.prepared.parameters());
            s.put("kernel_name", job.result == null ? job.prepared.kernelName() : job.result.kernelName());
            if (job.result != null) {
                s.put("result", Map.of("status", job.result.status(), "cells_executed", job.result.executed(),
                        "cells_failed", job.result.failed(), "output_path", job.result.outputPath()));
                if (job.result.error() != null) {
                    s.put("error", job.result.error());
                }
            }
            if (job.failure != null) {
                s.put("error", Map.of("message", job.failure));
            }
        }
        if (includeLogs) {
            s.put("logs", logs(job, tail));
        }
        return s;
    }

    public Map<String, Object> logs(String id, Integer tail) {
        Job job = get(id);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("action", "logs");
        s.put("job_id", id);
        List<String> lines = logs(job, tail);
        synchronized (job) {
            s.put("total_lines", job.logs.size() + job.linesDropped);
        }
        s.put("returned_lines", lines.size());
        s.put("tail", tail);
        s.put("logs", lines);
        return s;
    }

    private static List<String> logs(Job job, Integer tail) {
        synchronized (job) {
            List<String> all = new ArrayList<>(job.logs);
            if (tail != null && tail >= 0 && tail < all.size()) {
                return all.subList(all.size() - tail, all.size());
            }
            return all;
        }
    }

    public Map<String, Object> cancel(String id) {
        Job job = get(id);
        synchronized (job) {
            if (job.finished()) {
                throw new ToolException("job '" + id + "' cannot be cancelled: it is already " + job.status);
            }
            job.cancelRequested = true;
        }
        job.log("cancel requested");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("action", "cancel");
        s.put("job_id", id);
        s.put("status", "cancelling");
        s.put("message", "the running cell is interrupted and the job stops; the output notebook records the cells "
                + "run so far");
        return s;
    }

    public Map<String, Object> list(String filterStatus) {
        List<Map<String, Object>> list = new ArrayList<>();
        synchronized (jobs) {
            for (Job job : jobs.values()) {
                Map<String, Object> s = summary(job);
                if (filterStatus == null || filterStatus.isBlank() || filterStatus.equals(s.get("status"))) {
                    list.add(s);
                }
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("action", "list");
        s.put("jobs", list);
        s.put("total", list.size());
        s.put("filter_status", filterStatus);
        return s;
    }

    public Map<String, Object> cleanup(Integer olderThanHours) {
        List<String> removed = new ArrayList<>();
        Instant limit = olderThanHours == null ? null : Instant.now().minus(Duration.ofHours(olderThanHours));
        synchronized (jobs) {
            jobs.values().removeIf(job -> {
                synchronized (job) {
                    boolean drop = job.finished() && (limit == null || job.endedAt.isBefore(limit));
                    if (drop) {
                        removed.add(job.id);
                    }
                    return drop;
                }
            });
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("action", "cleanup");
        s.put("jobs_removed", removed.size());
        synchronized (jobs) {
            s.put("jobs_kept", jobs.size());
        }
        s.put("older_than_hours", olderThanHours);
        s.put("removed_job_ids", removed);
        return s;
    }

    private static Map<String, Object> summary(Job job) {
        synchronized (job) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("job_id", job.id);
            s.put("status", job.status);
            s.put("input_path", job.prepared.inputPath());
            s.put("started_at", job.submittedAt.toString());
            s.put("completed_at", job.endedAt == null ? null : job.endedAt.toString());
            s.put("execution_time", Duration.between(job.submittedAt, job.endedAt == null ? Instant.now()
                    : job.endedAt).toMillis() / 1000.0);
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("cells_total", job.cellsTotal);
            progress.put("cells_executed", job.cellsDone);
            progress.put("percent", job.cellsTotal == 0 ? (job.finished() ? 100.0 : 0.0)
                    : Math.round(1000.0 * job.cellsDone / job.cellsTotal) / 10.0);
            s.put("progress", progress);
            return s;
        }
    }

    @Override
    public void close() {
        synchronized (jobs) {
            jobs.values().forEach(j -> j.cancelRequested = true);
        }
        pool.shutdownNow();
    }
}
