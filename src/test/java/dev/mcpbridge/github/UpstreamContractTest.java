package dev.mcpbridge.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpbridge.core.adapter.AdapterDescriptor.ToolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Drop-in compatibility with github-mcp-server: each tool takes every parameter the upstream tool takes (from its
 * pkg/github/__toolsnaps__), with the same required ones, so existing prompts and Roo alwaysAllow lists keep working.
 * Upstream parameters deliberately not offered are listed in {@link #NOT_OFFERED} with the reason.
 */
class UpstreamContractTest {

    /** tool -> "properties | required" as github-mcp-server declares them. */
    static final Map<String, String> UPSTREAM = new LinkedHashMap<>();

    /** Newer upstream parameters left out: custom issue-field filters (a GraphQL preview), MCP-App UI forms. */
    static final Set<String> NOT_OFFERED = Set.of("field_filters", "show_ui", "check_runs_filter");

    static {
        UPSTREAM.put("get_me", " | ");
        UPSTREAM.put("get_teams", "user | ");
        UPSTREAM.put("get_team_members", "org,team_slug | org,team_slug");
        UPSTREAM.put("get_file_contents", "owner,path,ref,repo,sha | owner,repo");
        UPSTREAM.put("create_or_update_file", "branch,content,message,owner,path,repo,sha | owner,repo,path,content,message,branch");
        UPSTREAM.put("delete_file", "branch,message,owner,path,repo | owner,repo,path,message,branch");
        UPSTREAM.put("push_files", "branch,files,message,owner,repo | owner,repo,branch,files,message");
        UPSTREAM.put("create_branch", "branch,from_branch,owner,repo | owner,repo,branch");
        UPSTREAM.put("list_branches", "owner,page,perPage,repo | owner,repo");
        UPSTREAM.put("list_commits", "author,owner,page,path,perPage,repo,sha,since,until | owner,repo");
        UPSTREAM.put("get_commit", "detail,owner,page,perPage,repo,sha | owner,repo,sha");
        UPSTREAM.put("list_tags", "owner,page,perPage,repo | owner,repo");
        UPSTREAM.put("get_tag", "owner,repo,tag | owner,repo,tag");
        UPSTREAM.put("list_releases", "owner,page,perPage,repo | owner,repo");
        UPSTREAM.put("get_latest_release", "owner,repo | owner,repo");
        UPSTREAM.put("get_release_by_tag", "owner,repo,tag | owner,repo,tag");
        UPSTREAM.put("search_code", "order,page,perPage,query,sort | query");
        UPSTREAM.put("search_repositories", "minimal_output,order,page,perPage,query,sort | query");
        UPSTREAM.put("search_commits", "order,page,perPage,query,sort | query");
        UPSTREAM.put("create_repository", "autoInit,description,name,organization,private | name");
        UPSTREAM.put("fork_repository", "organization,owner,repo | owner,repo");
        UPSTREAM.put("issue_read", "issue_number,method,owner,page,perPage,repo | method,owner,repo,issue_number");
        UPSTREAM.put("issue_write", "assignees,body,duplicate_of,issue_number,labels,method,milestone,owner,repo,state,"
                + "state_reason,title,type | method,owner,repo");
        UPSTREAM.put("add_issue_comment", "body,comment_id,issue_number,owner,reaction,repo | owner,repo,issue_number");
        UPSTREAM.put("list_issues", "after,direction,labels,orderBy,owner,perPage,repo,since,state | owner,repo");
        UPSTREAM.put("search_issues", "order,owner,page,perPage,query,repo,sort | query");
        UPSTREAM.put("sub_issue_write", "after_id,before_id,issue_number,method,owner,replace_parent,repo,sub_issue_id"
                + " | method,owner,repo,issue_number,sub_issue_id");
        UPSTREAM.put("list_issue_types", "owner,repo | owner");
        UPSTREAM.put("pull_request_read", "after,method,owner,page,perPage,pullNumber,repo | method,owner,repo,pullNumber");
        UPSTREAM.put("create_pull_request", "base,body,draft,head,maintainer_can_modify,owner,repo,reviewers,title"
                + " | owner,repo,title,head,base");
        UPSTREAM.put("update_pull_request", "base,body,draft,maintainer_can_modify,owner,pullNumber,repo,reviewers,"
                + "state,title | owner,repo,pullNumber");
        UPSTREAM.put("merge_pull_request", "commit_message,commit_title,merge_method,owner,pullNumber,repo"
                + " | owner,repo,pullNumber");
        UPSTREAM.put("update_pull_request_branch", "expectedHeadSha,owner,pullNumber,repo | owner,repo,pullNumber");
        UPSTREAM.put("pull_request_review_write", "body,commitID,event,method,owner,pullNumber,repo,threadId"
                + " | method,owner,repo,pullNumber");
        UPSTREAM.put("add_comment_to_pending_review", "body,line,owner,path,pullNumber,repo,side,startLine,startSide,"
                + "subjectType | owner,repo,pullNumber,path,body,subjectType");
        UPSTREAM.put("list_pull_requests", "base,direction,head,owner,page,perPage,repo,sort,state | owner,repo");
        UPSTREAM.put("search_pull_requests", "order,owner,page,perPage,query,repo,sort | query");
        UPSTREAM.put("search_users", "order,page,perPage,query,sort | query");
        UPSTREAM.put("actions_list", "method,owner,page,per_page,repo,resource_id,workflow_jobs_filter,"
                + "workflow_runs_filter | method,owner,repo");
        UPSTREAM.put("actions_get", "method,owner,repo,resource_id | method,owner,repo,resource_id");
        UPSTREAM.put("get_job_logs", "failed_only,job_id,owner,repo,return_content,run_id,tail_lines | owner,repo");
        UPSTREAM.put("list_notifications", "before,filter,owner,page,perPage,repo,since | ");
        UPSTREAM.put("dismiss_notification", "state,threadID | threadID");
        UPSTREAM.put("mark_all_notifications_read", "lastReadAt,owner,repo | ");
        UPSTREAM.put("list_repository_collaborators", "affiliation,owner,page,perPage,repo | owner,repo");
        UPSTREAM.put("get_label", "name,owner,repo | owner,repo,name");
        UPSTREAM.put("add_reply_to_pull_request_comment", "body,commentId,owner,pullNumber,reaction,repo"
                + " | owner,repo,commentId");
        UPSTREAM.put("assign_copilot_to_issue", "base_ref,custom_instructions,issue_number,owner,repo"
                + " | owner,repo,issue_number");
        UPSTREAM.put("request_copilot_review", "owner,pullNumber,repo | owner,repo,pullNumber");
        UPSTREAM.put("actions_run_trigger", "inputs,method,owner,ref,repo,run_id,workflow_id | method,owner,repo");
        UPSTREAM.put("list_label", "owner,repo | owner,repo");
        UPSTREAM.put("label_write", "color,description,method,name,new_name,owner,repo | method,owner,repo,name");
    }

    private static Set<String> set(String csv) {
        Set<String> s = new TreeSet<>();
        for (String part : csv.split(",")) {
            if (!part.isBlank()) {
                s.add(part.strip());
            }
        }
        return s;
    }

    /** The github adapter's tools as its built-in descriptor declares them. */
    static List<ToolSpec> githubTools() {
        return new dev.mcpbridge.core.adapter.AdapterCatalog(new dev.mcpbridge.core.adapter.AdapterLoader(
                io.modelcontextprotocol.json.McpJsonDefaults.getSchemaValidator()), "github"::equals)
                .load(List.of()).get(0).tools();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyToolTakesTheUpstreamParametersWithTheSameRequiredOnes() {
        List<ToolSpec> tools = githubTools();
        assertThat(tools.stream().map(ToolSpec::name).toList()).containsExactlyInAnyOrderElementsOf(UPSTREAM.keySet());
        for (ToolSpec tool : tools) {
            String[] upstream = UPSTREAM.get(tool.name()).split("\\|");
            Map<String, Object> props = (Map<String, Object>) tool.inputSchema().getOrDefault("properties", Map.of());
            List<String> required = (List<String>) tool.inputSchema().getOrDefault("required", List.of());
            assertThat(props.keySet()).as("%s parameters", tool.name()).containsAll(set(upstream[0]));
            assertThat(new TreeSet<>(required)).as("%s required", tool.name()).isEqualTo(set(upstream[1]));
            assertThat(props.keySet()).as("%s", tool.name()).doesNotContainAnyElementsOf(NOT_OFFERED);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMethodStyleToolsTakeTheSameMethods() {
        Map<String, List<String>> methods = Map.of(
                "issue_read", List.of("get", "get_comments", "get_sub_issues", "get_parent", "get_labels"),
                "issue_write", List.of("create", "update"),
                "pull_request_read", List.of("get", "get_diff", "get_status", "get_files", "get_commits",
                        "get_review_comments", "get_reviews", "get_comments", "get_check_runs"),
                "pull_request_review_write", List.of("create", "submit_pending", "delete_pending", "resolve_thread",
                        "unresolve_thread"),
                "actions_list", List.of("list_workflows", "list_workflow_runs", "list_workflow_jobs",
                        "list_workflow_run_artifacts"),
                "actions_get", List.of("get_workflow", "get_workflow_run", "get_workflow_job",
                        "download_workflow_run_artifact", "get_workflow_run_usage", "get_workflow_run_logs_url"));
        for (ToolSpec tool : githubTools()) {
            if (methods.containsKey(tool.name())) {
                Map<String, Object> method = (Map<String, Object>) ((Map<String, Object>) tool.inputSchema()
                        .get("properties")).get("method");
                assertThat((List<String>) method.get("enum")).as(tool.name())
                        .containsExactlyElementsOf(methods.get(tool.name()));
            }
        }
    }
}
