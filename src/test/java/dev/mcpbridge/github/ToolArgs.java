package dev.mcpbridge.github;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One valid argument set per tool, for the table-driven tests (error paths, path encoding, the real client). */
final class ToolArgs {

    private ToolArgs() {
    }

    static final Map<String, Map<String, Object>> ALL = new LinkedHashMap<>();

    private static Map<String, Object> repo(Object... more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("owner", "octocat");
        m.put("repo", "hello-world");
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    static {
        ALL.put("get_me", Map.of());
        ALL.put("get_teams", Map.of());
        ALL.put("get_team_members", Map.of("org", "octo-org", "team_slug", "justice-league"));
        ALL.put("get_file_contents", repo("path", "src/Main.java", "ref", "main"));
        ALL.put("create_or_update_file", repo("path", "docs/notes.md", "content", "hello\n", "message", "Add notes",
                "branch", "main"));
        ALL.put("delete_file", repo("path", "docs/notes.md", "message", "Remove notes", "branch", "main"));
        ALL.put("push_files", repo("branch", "main", "message", "Push two files", "files",
                List.of(Map.of("path", "a.txt", "content", "A"), Map.of("path", "bin/run.sh", "content", "#!/bin/sh",
                        "mode", "100755"))));
        ALL.put("create_branch", repo("branch", "feature/login", "from_branch", "main"));
        ALL.put("list_branches", repo());
        ALL.put("list_commits", repo("sha", "main"));
        ALL.put("get_commit", repo("sha", "6dcb09b5b57875f334f61aebed695e2e4193db5e"));
        ALL.put("list_tags", repo());
        ALL.put("get_tag", repo("tag", "v1.0.0"));
        ALL.put("list_releases", repo());
        ALL.put("get_latest_release", repo());
        ALL.put("get_release_by_tag", repo("tag", "v1.0.0"));
        ALL.put("search_code", Map.of("query", "Main repo:octocat/hello-world"));
        ALL.put("search_repositories", Map.of("query", "hello-world"));
        ALL.put("search_commits", Map.of("query", "repo:octocat/hello-world fix"));
        ALL.put("create_repository", Map.of("name", "new-repo"));
        ALL.put("fork_repository", repo());
        ALL.put("issue_read", repo("method", "get", "issue_number", 1347));
        ALL.put("issue_write", repo("method", "create", "title", "Found a bug"));
        ALL.put("add_issue_comment", repo("issue_number", 1347, "body", "Thanks for the report!"));
        ALL.put("list_issues", repo());
        ALL.put("search_issues", Map.of("query", "bug"));
        ALL.put("sub_issue_write", repo("method", "add", "issue_number", 1347, "sub_issue_id", 1001350));
        ALL.put("list_issue_types", Map.of("owner", "octo-org"));
        ALL.put("pull_request_read", repo("method", "get", "pullNumber", 1347));
        ALL.put("create_pull_request", repo("title", "Amazing new feature", "head", "new-topic", "base", "main"));
        ALL.put("update_pull_request", repo("pullNumber", 1347, "title", "Better title"));
        ALL.put("merge_pull_request", repo("pullNumber", 1347, "merge_method", "squash"));
        ALL.put("update_pull_request_branch", repo("pullNumber", 1347));
        ALL.put("pull_request_review_write", repo("method", "create", "pullNumber", 1347, "event", "APPROVE"));
        ALL.put("add_comment_to_pending_review", repo("pullNumber", 1347, "path", "file1.txt", "body", "nit",
                "subjectType", "LINE", "line", 2, "side", "RIGHT"));
        ALL.put("list_pull_requests", repo());
        ALL.put("search_pull_requests", Map.of("query", "feature"));
        ALL.put("search_users", Map.of("query", "octocat"));
        ALL.put("actions_list", repo("method", "list_workflows"));
        ALL.put("actions_get", repo("method", "get_workflow_run", "resource_id", "30433642"));
        ALL.put("get_job_logs", repo("job_id", 399444497, "return_content", true));
        ALL.put("list_notifications", Map.of());
        ALL.put("dismiss_notification", Map.of("threadID", "1", "state", "read"));
        ALL.put("mark_all_notifications_read", Map.of());
        ALL.put("list_repository_collaborators", repo("affiliation", "direct"));
        ALL.put("get_label", repo("name", "bug"));
        ALL.put("add_reply_to_pull_request_comment", repo("pullNumber", 1347, "commentId", 10, "body", "Done"));
        ALL.put("assign_copilot_to_issue", repo("issue_number", 1347, "base_ref", "main"));
        ALL.put("request_copilot_review", repo("pullNumber", 1347));
        ALL.put("actions_run_trigger", repo("method", "rerun_workflow_run", "run_id", 30433642));
        ALL.put("list_label", repo());
        ALL.put("label_write", repo("method", "create", "name", "bug", "color", "f29513"));
    }
}
