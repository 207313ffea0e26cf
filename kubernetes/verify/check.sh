#!/bin/sh
# The proof that a pod of one service account gets working EKS Pod Identity credentials: the
# one container of the verification Job that eks-pod-identity runs per service account (see
# docs/verify.md). POSIX sh and curl only, so that it runs on the default image (curl on
# Alpine, busybox sh); `aws` only with POD_IDENTITY_CALLER_IDENTITY=true.
#
# Why each step (sources in docs/verify.md):
# - EKS injects AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE
#   when it admits a pod whose service account has an association; a pod admitted before the
#   association took effect never gets them, so a failure here ends this pod and the Job
#   tries again with a new pod (a new admission).
# - The agent (the eks-pod-identity-agent add-on, or the one built into EKS Auto Mode nodes)
#   serves credentials at that URI to a request whose Authorization header is the token
#   file's contents; it answers 400 for a token it cannot parse, 403 for a call through
#   another address (a proxy), and passes on EKS Auth's status and exception name otherwise
#   (aws/eks-pod-identity-agent pkg/errors/errors.go, internal/validation/request.go).
#
# Input (environment): POD_IDENTITY_SUBJECT (cluster, namespace, service account, for the
# messages), POD_IDENTITY_ROLE_ARN, POD_IDENTITY_TARGET_ROLE_ARN, POD_IDENTITY_CALLER_IDENTITY
# (true: also run `aws sts get-caller-identity` and compare), POD_IDENTITY_TIMEOUT_SECONDS
# (per request, default 5), POD_IDENTITY_TERMINATION_LOG (default /dev/termination-log).
#
# Output: one line, PASS or FAIL with the reason, on stdout (PASS) or stderr (FAIL), and in
# the termination log, which Kubernetes copies into the container's terminated state; the
# Kubernetes provider of Pulumi prints that state when the Job fails, so the reason is what
# `pulumi up` shows. Exit status: 0 pass, 10 not injected, 11 token unreadable, 12 agent not
# answering, 13 token refused, 14 EKS Auth or the agent refused, 15 wrong role, 16 a tool is
# missing, 17 caller identity failed.

set -u

subject=${POD_IDENTITY_SUBJECT:-this service account}
role=${POD_IDENTITY_ROLE_ARN:-}
target=${POD_IDENTITY_TARGET_ROLE_ARN:-}
timeout=${POD_IDENTITY_TIMEOUT_SECONDS:-5}
termination_log=${POD_IDENTITY_TERMINATION_LOG:-/dev/termination-log}
work=${TMPDIR:-/tmp}/pod-identity-verify.$$

if [ -n "$target" ]; then
    roles="role $role chaining into target role $target"
else
    roles="role ${role:-(not given)}"
fi

finish() {
    status=$1
    shift
    message="pod-identity-verify: $*"
    if [ "$status" -eq 0 ]; then
        printf '%s\n' "$message"
    else
        printf '%s\n' "$message" >&2
    fi
    # The kubelet creates the file; Kubernetes reads at most 4096 bytes of it.
    if [ -w "$termination_log" ]; then
        printf '%s' "$message" >"$termination_log" 2>/dev/null || true
    fi
    rm -rf "$work"
    exit "$status"
}

# The first line of a file, on one line, at most 300 characters (an agent's error text).
excerpt() {
    tr '\r\n' '  ' <"$1" | cut -c1-300
}

# --- 1. injected by EKS at admission ---------------------------------------------------------
uri=${AWS_CONTAINER_CREDENTIALS_FULL_URI:-}
token_file=${AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE:-}
if [ -z "$uri" ] || [ -z "$token_file" ]; then
    missing=""
    [ -z "$uri" ] && missing="AWS_CONTAINER_CREDENTIALS_FULL_URI"
    [ -z "$token_file" ] && missing="${missing:+$missing and }AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"
    finish 10 "FAIL not injected: EKS did not inject Pod Identity into this pod ($missing not set)" \
        "for $subject ($roles). EKS injects it when it admits a pod whose service account has an" \
        "association: the association was not in effect yet (it takes several seconds; the next" \
        "try is a new pod), or it was deleted, or it is on another cluster, namespace or service" \
        "account, or the pod runs on Fargate or Windows, where Pod Identity does not work."
fi

# --- 2. the token -----------------------------------------------------------------------------
if [ ! -r "$token_file" ]; then
    finish 11 "FAIL token unreadable: $token_file (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE) cannot be" \
        "read by user $(id -u) for $subject: the pod's securityContext (runAsUser, fsGroup) must" \
        "let the container read the projected token."
fi
token=$(cat "$token_file")
if [ -z "$token" ]; then
    finish 11 "FAIL token unreadable: $token_file is empty for $subject."
fi

if ! command -v curl >/dev/null 2>&1; then
    finish 16 "FAIL no curl: the image has no curl, which this check needs to call the Pod Identity" \
        "agent; use the default image or one with /bin/sh and curl."
fi

if ! mkdir -m 700 "$work" 2>/dev/null; then
    finish 16 "FAIL no writable directory: cannot create $work (TMPDIR); the Job mounts an emptyDir at /tmp."
fi

# A proxy only sees the request when no_proxy does not name the agent's address.
proxy_hint=""
proxy=${http_proxy:-${HTTP_PROXY:-${all_proxy:-${ALL_PROXY:-}}}}
if [ -n "$proxy" ]; then
    host=${uri#*://}
    host=${host%%/*}
    case $host in
    \[*) host=${host#\[} && host=${host%%\]*} ;;
    *) host=${host%%:*} ;;
    esac
    case ",${no_proxy:-}${NO_PROXY:+,$NO_PROXY}," in
    *"$host"*) ;;
    *) proxy_hint=" A proxy is set ($proxy) and no_proxy does not name $host: add 169.254.170.23 and fd00:ec2::23 to no_proxy (and NO_PROXY)." ;;
    esac
fi

# --- 3. the agent answers the token with credentials ------------------------------------------
# The header goes through a file, so that the token is never on a command line.
printf 'Authorization: %s\n' "$token" >"$work/header"
code=$(curl --silent --show-error --output "$work/body" --write-out '%{http_code}' \
    --connect-timeout "$timeout" --max-time "$timeout" --header "@$work/header" \
    "$uri" 2>"$work/error")
status=$?
not_answering="The agent is the eks-pod-identity-agent add-on's DaemonSet (or built into EKS Auto Mode nodes):"
not_answering="$not_answering it is not installed, has no ready pod on this node (a node it keeps off, a taint it"
not_answering="$not_answering does not tolerate), or another process holds its port 80 on the host network.$proxy_hint"
case $status in
0) ;;
7)
    finish 12 "FAIL agent not answering: connection refused at $uri for $subject ($roles). $not_answering"
    ;;
28)
    finish 12 "FAIL agent not answering: no answer from $uri within ${timeout}s for $subject ($roles). $not_answering"
    ;;
*)
    finish 12 "FAIL agent not answering: curl exit $status calling $uri for $subject ($roles):" \
        "$(excerpt "$work/error"). $not_answering"
    ;;
esac

body_text() {
    excerpt "$work/body"
}
case $code in
200)
    if ! grep -q '"AccessKeyId"' "$work/body"; then
        finish 14 "FAIL no credentials: the agent at $uri answered 200 without credentials for $subject ($roles)."
    fi
    ;;
401 | 403)
    text=$(body_text)
    case $text in
    *"invalid address"*)
        finish 13 "FAIL token refused: the agent answered HTTP $code for $subject ($text): the request" \
            "reached it through another address.$proxy_hint"
        ;;
    esac
    finish 13 "FAIL token refused: the agent at $uri answered HTTP $code for $subject ($roles): $text." \
        "The token in $token_file is not the one EKS projected for this pod's service account."
    ;;
*)
    text=$(body_text)
    case $text in
    *InvalidTokenException* | *ExpiredTokenException* | *"Service account token"*)
        finish 13 "FAIL token refused: the agent answered HTTP $code for $subject ($roles): $text." \
            "The token in $token_file is not a valid service account token for audience" \
            "pods.eks.amazonaws.com."
        ;;
    *AccessDeniedException*)
        why="the node's IAM role lacks eks-auth:AssumeRoleForPodIdentity (AmazonEKSWorkerNodePolicy"
        why="$why has it), or the trust policy of role ${role:-(not given)} does not let"
        why="$why pods.eks.amazonaws.com call sts:AssumeRole and sts:TagSession (or its conditions do"
        why="$why not match this cluster, namespace and service account)"
        if [ -n "$target" ]; then
            why="$why, or target role $target does not trust role $role (sts:AssumeRole and"
            why="$why sts:TagSession), or role $role may not assume it"
        fi
        finish 14 "FAIL access denied: EKS Auth refused credentials for $subject ($roles): HTTP $code: $text. Either $why."
        ;;
    *ResourceNotFoundException*)
        finish 14 "FAIL no association: EKS Auth found no association for $subject ($roles): HTTP $code:" \
            "$text. It was deleted after this pod started, or is not in effect yet."
        ;;
    esac
    finish 14 "FAIL agent error: the agent at $uri answered HTTP $code for $subject ($roles): $text." \
        "EKS Auth or the agent failed: throttling, or the node cannot reach EKS Auth (nodes in" \
        "private subnets need the EKS Auth VPC endpoint).$proxy_hint"
    ;;
esac

account=$(sed -n 's/.*"AccountId" *: *"\([0-9]*\)".*/\1/p' "$work/body")
rm -f "$work/body" "$work/header"
irsa=""
if [ -n "${AWS_WEB_IDENTITY_TOKEN_FILE:-}" ]; then
    irsa=" Note: IRSA is injected too (AWS_WEB_IDENTITY_TOKEN_FILE), and AWS SDKs prefer it."
fi

if [ "${POD_IDENTITY_CALLER_IDENTITY:-false}" != "true" ]; then
    finish 0 "PASS credentials: EKS injected Pod Identity for $subject and the agent at $uri" \
        "returned credentials${account:+ in account $account} ($roles).$irsa"
fi

# --- 4. optional: who the credentials are -----------------------------------------------------
if ! command -v aws >/dev/null 2>&1; then
    finish 16 "FAIL no aws: callerIdentity needs an image with the AWS CLI v2 (and /bin/sh and curl)."
fi
if ! identity=$(aws sts get-caller-identity --query Arn --output text \
    --cli-connect-timeout "$timeout" --cli-read-timeout "$timeout" 2>"$work/error"); then
    finish 17 "FAIL caller identity: aws sts get-caller-identity failed for $subject ($roles):" \
        "$(excerpt "$work/error"). STS must be reachable from the pod (egress, or an STS VPC endpoint)."
fi

# arn:<partition>:sts::<account>:assumed-role/<role name>/<session>; a role ARN is
# arn:<partition>:iam::<account>:role/<path><role name>, and the session ARN drops the path.
expected=${target:-$role}
if [ -z "$expected" ]; then
    finish 0 "PASS caller identity: $subject acts as $identity.$irsa"
fi
expected_account=$(printf '%s' "$expected" | cut -d: -f5)
expected_name=${expected##*/}
got_account=$(printf '%s' "$identity" | cut -d: -f5)
got_role=${identity#*:assumed-role/}
got_role=${got_role%%/*}
case $identity in
*:assumed-role/*)
    if [ "$got_account" = "$expected_account" ] && [ "$got_role" = "$expected_name" ]; then
        if [ -n "$target" ]; then
            finish 0 "PASS caller identity: $subject acts as $identity, target role $target" \
                "(through role $role).$irsa"
        fi
        finish 0 "PASS caller identity: $subject acts as $identity, role $role.$irsa"
    fi
    ;;
esac
if [ -n "$target" ]; then
    should="target role $target (through role $role)"
    if [ "$got_role" = "${role##*/}" ] && [ "$got_account" = "$(printf '%s' "$role" | cut -d: -f5)" ]; then
        should="$should: these are role $role's own credentials, so EKS did not chain into the target role (is targetRoleArn set on the association?)"
    fi
else
    should="role $role"
fi
finish 15 "FAIL wrong role: aws sts get-caller-identity names $identity, but $subject should act as" \
    "$should. Another credential source comes first (IRSA's AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ACCESS_KEY_ID," \
    "a mounted AWS config), or the association names another role (changed outside this stack)."
