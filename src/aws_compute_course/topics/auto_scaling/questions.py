"""Scenario questions for the Auto Scaling topic (course notebook 02).

Authored to the exam's standard (``aws_compute_course.quiz.bank_problems``): correct answers
spread over the positions, most prompts multi-constraint scenarios with a qualifier, two
choose-two questions, and one distractor that relies on a retired feature (launch
configurations). Numbers come from the topic's facts.
"""

from aws_compute_course import facts
from aws_compute_course.quiz import Option, Question, validate_bank

_HEARTBEAT = facts.integer("auto_scaling.lifecycle_heartbeat_default_seconds")
_HEARTBEAT_MAX = facts.integer("auto_scaling.lifecycle_heartbeat_max_seconds")
_GRACE_CONSOLE = facts.integer("auto_scaling.health_check_grace_console_seconds")
_GRACE_API = facts.integer("auto_scaling.health_check_grace_api_seconds")
_COOLDOWN = facts.integer("auto_scaling.default_cooldown_seconds")
_MIN_HEALTHY = facts.integer("auto_scaling.refresh_min_healthy_default_percent")
_CPU_EXAMPLE = facts.integer("auto_scaling.target_cpu_example_percent")
_MEMORY = facts.text("auto_scaling.memory_metric")
_SPOT_STRATEGY = facts.text("auto_scaling.spot_allocation_recommended")
_HISTORY_HOURS = facts.integer("auto_scaling.predictive_min_history_hours")
_FORECAST_HOURS = facts.integer("auto_scaling.predictive_forecast_hours")
_LC_CUTOFF = facts.text("auto_scaling.launch_config_cutoff_date")

QUESTIONS: tuple[Question, ...] = validate_bank(
    [
        Question(
            id="asg-flash-sale",
            prompt=(
                "An online retailer runs its storefront on EC2 instances in an Auto Scaling "
                "group behind an Application Load Balancer. Traffic follows a strong daily "
                "pattern that peaks every evening between 19:00 and 21:00, and the marketing "
                "team also launches unannounced flash sales that can triple traffic within "
                "minutes. Instances need about eight minutes from launch until they serve "
                "requests. Today an engineer edits scheduled actions by hand each week and a "
                "simple scaling policy handles the rest, but customers still see errors at the "
                "start of the evening peak. Which solution meets these requirements with the "
                "LEAST operational overhead?"
            ),
            options=(
                Option(
                    "Keep the weekly scheduled actions, and replace the simple scaling policy "
                    "with a step scaling policy that adds four instances for a large breach.",
                    False,
                    "Scheduled actions still need weekly hand edits, and a fixed step can be "
                    "too small for a tripled load and still reacts only after the breach.",
                ),
                Option(
                    "A predictive scaling policy that launches capacity ahead of the daily "
                    "peak, together with a target tracking policy on average CPU for spikes.",
                    True,
                    "Predictive scaling learns the daily pattern and launches before the "
                    "peak (covering the launch time); target tracking adds capacity "
                    "proportionally for the unforecast flash sales. Nothing to edit by hand.",
                ),
                Option(
                    "Set the minimum size of the group to the evening peak size all day long.",
                    False,
                    "It covers the daily peak at the cost of paying for peak capacity all day, "
                    "and does nothing for a flash sale that triples traffic.",
                ),
                Option(
                    "Lower the simple scaling policy's cooldown to zero and its alarm threshold "
                    "to 30% CPU so that the group reacts sooner to every increase in traffic.",
                    False,
                    "Reacting sooner does not remove the eight-minute launch time, and simple "
                    "scaling adds a fixed amount per alarm; the group still starts each peak "
                    "short and now flaps on every small change.",
                ),
            ),
        ),
        Question(
            id="asg-warm-pool",
            prompt=(
                "A financial analytics service runs on an Auto Scaling group with a target "
                "tracking policy. Each new instance loads 40 GB of reference data from Amazon "
                "S3 and warms an in-memory cache, which takes about fifteen minutes before it "
                "can take traffic. During unexpected bursts, users wait for new capacity for "
                "most of that time. The company wants new capacity in service within a few "
                "minutes, but does not want to pay for idle compute around the clock and "
                "cannot change the application. Which solution is the MOST cost-effective?"
            ),
            options=(
                Option(
                    "Add a warm pool whose instances are kept running, so that they join the "
                    "group immediately when it scales out.",
                    False,
                    "Running warm instances are billed as running instances: AWS advises "
                    "against this state because it costs as much as over-provisioning.",
                ),
                Option(
                    "Raise the group's minimum size so that enough instances for any burst are "
                    "always in service.",
                    False,
                    "This keeps idle compute running around the clock, which the company "
                    "ruled out; the burst size is also unknown.",
                ),
                Option(
                    "Add a warm pool of pre-initialised instances kept in the Stopped state.",
                    True,
                    "Stopped warm instances have already loaded their data; they start in "
                    "minutes, and while stopped you pay only for their volumes and Elastic "
                    "IP addresses, not for compute.",
                ),
                Option(
                    "Lower the target value of the target tracking policy to 20% CPU so the "
                    "group keeps spare capacity that absorbs the start of each burst while the "
                    "new instances initialise.",
                    False,
                    "A low target keeps a large share of compute idle all the time (the cost "
                    "the company wants to avoid) and still leaves fifteen-minute launches.",
                ),
            ),
        ),
        Question(
            id="asg-memory",
            prompt=(
                "A Java service on EC2 instances in an Auto Scaling group runs out of heap "
                "long before its CPU is busy: at 30% CPU the instances already start to swap "
                "and latency climbs. The operations team wants the group to scale on memory "
                "use, keep the average at about 70%, and avoid writing or running any custom "
                "scripts or scheduled jobs to publish metrics. The instances run Amazon Linux "
                "and already have an IAM role for CloudWatch. Which approach meets these "
                "requirements with the LEAST operational overhead?"
            ),
            options=(
                Option(
                    "Install the CloudWatch agent to publish memory use and create a target "
                    "tracking policy on that customized metric with a target of 70%.",
                    True,
                    f"The agent publishes {_MEMORY} (CWAgent namespace) without custom code; "
                    "target tracking on a customized metric keeps it near the target.",
                ),
                Option(
                    "Enable detailed monitoring on the instances and create a target tracking "
                    "policy on the EC2 memory utilisation metric.",
                    False,
                    "EC2 publishes no memory metric, with or without detailed monitoring: "
                    "memory is only visible from inside the instance.",
                ),
                Option(
                    "Keep scaling on CPU and set the target between 40% and 70%, the usual "
                    "range for target utilisation.",
                    False,
                    "The bottleneck is memory, not CPU; and 40-70% is a course heuristic, "
                    "not AWS guidance.",
                ),
                Option(
                    "Write a cron script on each instance that reads /proc/meminfo every "
                    "minute and calls PutMetricData, then use step scaling on that metric with "
                    "alarms at 60% and 80% memory use across the group.",
                    False,
                    "It works, but it is the custom script the team wants to avoid, and step "
                    "scaling needs its alarms and steps tuned by hand.",
                ),
            ),
        ),
        Question(
            id="asg-instance-refresh",
            prompt=(
                "A company bakes a new AMI for its web tier every week and updates the launch "
                "template of the tier's Auto Scaling group with a new version. Today an "
                "engineer terminates the old instances by hand a few at a time and waits for "
                "replacements, which takes an afternoon and sometimes drops capacity too far. "
                "The company wants at least 90% of the desired capacity in service during the "
                "update, a pause after the first fifth of the group to check dashboards, and "
                "an automatic return to the previous version if the new instances fail their "
                "health checks. Which solution requires the LEAST operational overhead?"
            ),
            options=(
                Option(
                    "Create a new launch configuration with the new AMI, attach it to the group "
                    "and let the group replace the instances as they age.",
                    False,
                    "Launch configurations are retired (accounts created from "
                    f"{_LC_CUTOFF} cannot create them) and nothing replaces existing "
                    "instances automatically: they keep the old AMI until terminated.",
                    obsolete=True,
                ),
                Option(
                    "Script the manual process with the AWS CLI: terminate two instances, "
                    "wait until the group is back at desired capacity, and repeat.",
                    False,
                    "This automates the old procedure but leaves capacity checks, pauses and "
                    "rollback to code the company must write and maintain.",
                ),
                Option(
                    "Start an Instance Refresh with a minimum healthy percentage of 90, a "
                    "checkpoint at 20% and automatic rollback enabled.",
                    True,
                    f"Instance Refresh replaces instances in batches that keep the healthy "
                    f"percentage (the default is {_MIN_HEALTHY}%), pauses at checkpoints and "
                    "rolls back to the previous launch template version if it fails.",
                ),
                Option(
                    "Create a second Auto Scaling group with the new launch template version "
                    "and move traffic to it with Route 53 weighted records.",
                    False,
                    "A second group works but doubles the moving parts every week, and DNS "
                    "weights depend on clients honouring the TTL.",
                ),
            ),
        ),
        Question(
            id="asg-blue-green",
            prompt=(
                "A company serves a public API to mobile apps from an Application Load "
                "Balancer in front of an Auto Scaling group. For each release it wants to run "
                "the new version on a separate group, send 10% of requests to it, and move "
                "the rest over within minutes once error rates look good, with an instant way "
                "back. Many of the mobile clients cache DNS answers for hours regardless of the "
                "TTL. The public DNS name of the API must not change. Which solution meets "
                "these requirements with the LEAST downtime for users?"
            ),
            options=(
                Option(
                    "Create a second load balancer for the new group and shift traffic with "
                    "Route 53 weighted records with a TTL of 60 seconds.",
                    False,
                    "Clients that ignore the TTL keep the old answer for hours: the shift and "
                    "the way back are neither fast nor complete.",
                ),
                Option(
                    "Register the new group with a second target group of the same load "
                    "balancer and shift with weighted target groups on the listener rule.",
                    True,
                    "The weights act inside the load balancer on every request, so DNS caches "
                    "do not matter and moving back is one change of weights.",
                ),
                Option(
                    "Update the existing group's launch template and start an Instance Refresh "
                    "with a checkpoint at 10%.",
                    False,
                    "A refresh replaces instances in place: there is no separate group, and "
                    "going back means another refresh, not an instant switch.",
                ),
                Option(
                    "Put the new group behind a second load balancer and tell the mobile "
                    "teams to ship an app update that calls a new DNS name for the API.",
                    False,
                    "It changes the public name, which is not allowed, and depends on users "
                    "updating their apps before any traffic moves.",
                ),
            ),
        ),
        Question(
            id="asg-standby",
            prompt=(
                "An operations team must patch and reboot the instances of an Auto Scaling "
                "group one at a time during business hours. The group uses ELB health checks, "
                "and during a reboot an instance fails them, so the group terminates and "
                "replaces it before the patch finishes. The other instances must keep being "
                "health-checked and replaced if they fail, and the instance being patched must "
                "stop receiving traffic while it reboots. Which action should the team take "
                "for each instance to meet these requirements with the FEWEST changes to the "
                "group?"
            ),
            options=(
                Option(
                    "Suspend the HealthCheck and ReplaceUnhealthy processes while the instances "
                    "are patched, and resume them afterwards.",
                    False,
                    "Suspending processes affects the whole group: the other instances would no "
                    "longer be checked and replaced.",
                ),
                Option(
                    "Turn on scale-in protection for the instance before rebooting it.",
                    False,
                    "Scale-in protection only stops scale in; an instance failing its health "
                    "checks is still replaced.",
                ),
                Option(
                    "Increase the health check grace period to an hour for the duration of the "
                    "patching window so that rebooting instances are not judged.",
                    False,
                    "The grace period applies only to newly launched instances after they "
                    "enter InService, not to a reboot of an existing one.",
                ),
                Option(
                    "Put the instance into Standby, patch and reboot it, then move it back to "
                    "InService.",
                    True,
                    "A Standby instance is removed from the load balancer and from health "
                    "checks while it stays in the group; the rest are checked as usual.",
                ),
            ),
        ),
        Question(
            id="asg-lifecycle-timeout",
            prompt=(
                "A launch lifecycle hook runs a configuration script on each new instance of an "
                "Auto Scaling group before it enters service. The hook uses the default "
                f"heartbeat timeout of {_HEARTBEAT:,} seconds and a default result of ABANDON. "
                "On large instance types the script now needs about 75 minutes, and the team "
                "sees instances terminated just before they finish, followed by new launches "
                "that fail the same way. Instances that did not finish configuring must never "
                "serve traffic. Which change is the MOST operationally efficient fix?"
            ),
            options=(
                Option(
                    "Change the hook's default result to CONTINUE so that slow instances are "
                    "not terminated when the timeout is reached.",
                    False,
                    "CONTINUE on timeout puts instances that never finished configuring into "
                    "service, which the team must never allow.",
                ),
                Option(
                    "Raise the health check grace period of the group so that slow instances "
                    "are not marked unhealthy.",
                    False,
                    "The hook's timeout, not a health check, ends the wait: the grace period "
                    "starts only after the instance leaves the hook.",
                ),
                Option(
                    "Raise the heartbeat timeout (up to "
                    f"{_HEARTBEAT_MAX:,} seconds), or have the script call "
                    "RecordLifecycleActionHeartbeat while it works, then complete the action.",
                    True,
                    "A longer heartbeat or recorded heartbeats keep the instance waiting until "
                    "the script completes the lifecycle action; ABANDON still removes broken "
                    "instances.",
                ),
                Option(
                    "Suspend the Launch process during busy hours so that fewer instances run "
                    "the script at the same time.",
                    False,
                    "Suspending Launch stops all scale out and replacements; it does not give "
                    "the script more time.",
                ),
            ),
        ),
        Question(
            id="asg-spot-resilience",
            prompt=(
                "A stateless image-rendering fleet runs in an Auto Scaling group of Spot "
                "Instances of a single instance type in one Availability Zone, with the "
                "lowest-price allocation strategy. Several times a week many instances are "
                "interrupted at once, and the queue backs up until replacements launch. The "
                "company wants to keep using Spot for most of the capacity, keep a small "
                "On-Demand baseline, and reduce the impact of interruptions on throughput "
                "without adding custom code to the workers. Which combination of settings is "
                "the MOST resilient?"
            ),
            options=(
                Option(
                    f"Several instance types in three Availability Zones, {_SPOT_STRATEGY}, "
                    "Capacity Rebalancing on, and an On-Demand base capacity.",
                    True,
                    "Diversified pools with the recommended strategy lower the risk of mass "
                    "interruptions; Capacity Rebalancing launches replacements at the "
                    "rebalance recommendation, before the interruption.",
                ),
                Option(
                    "Keep one instance type but set a maximum Spot price of 50% of On-Demand so "
                    "that instances stop only when the market is expensive.",
                    False,
                    "A maximum price adds price-driven interruptions and does nothing about "
                    "capacity-driven ones in a single pool.",
                ),
                Option(
                    "Switch to the lowest-price strategy across two instance types and raise "
                    "the group's desired capacity by 20% to absorb the interruptions.",
                    False,
                    "Lowest-price concentrates capacity in the cheapest pools, which AWS warns "
                    "can lead to high interruption rates; extra capacity only pays for them.",
                ),
                Option(
                    "Replace the group with a Spot Fleet request of type maintain in the same "
                    "Availability Zone, which relaunches interrupted instances faster.",
                    False,
                    "Spot Fleet is a legacy API, and one pool in one zone keeps the same risk "
                    "of losing many instances at once.",
                ),
            ),
        ),
        Question(
            id="asg-scale-in-protection",
            prompt=(
                "Workers in an Auto Scaling group take jobs from an Amazon SQS queue; a job "
                "runs for up to three hours and cannot be checkpointed. The group scales on "
                "queue depth. When the queue shrinks, scale in sometimes terminates a worker "
                "in the middle of a job, which must then start again. Idle workers should "
                "still be removed promptly to save money, and the team does not want to stop "
                "scaling altogether. Which solution is the MOST cost-effective way to avoid "
                "losing running jobs?"
            ),
            options=(
                Option(
                    "Suspend the Terminate process so that no worker is ever removed during "
                    "scale in.",
                    False,
                    "No worker would ever be removed, idle or not: the group keeps growing "
                    "and the company pays for idle workers.",
                ),
                Option(
                    "Change the termination policy to NewestInstance so that the group removes "
                    "the workers that started most recently.",
                    False,
                    "The newest instance can be busy too: termination policies know nothing "
                    "about jobs.",
                ),
                Option(
                    "Have each worker set scale-in protection on itself when it takes a job and "
                    "clear it when the job is done.",
                    True,
                    "Protected instances are never chosen for scale in, so busy workers finish "
                    "while idle ones are removed as usual.",
                ),
                Option(
                    f"Add a cooldown of {_COOLDOWN} seconds to the scaling policy so scale in "
                    "waits after every scale out.",
                    False,
                    "A cooldown only spaces out simple scaling activities; three-hour jobs "
                    "still get terminated.",
                ),
            ),
        ),
        Question(
            id="asg-processes",
            prompt=(
                "A team suspends scaling processes on an Auto Scaling group while it "
                "investigates an incident. Which statements are true? Choose two."
            ),
            options=(
                Option(
                    "With Launch suspended, ReplaceUnhealthy still terminates unhealthy "
                    "instances but launches no replacements.",
                    True,
                    "AWS documents exactly this: replacements come only when Launch resumes.",
                ),
                Option(
                    "Suspending AZRebalance stops the group from scaling out in response to "
                    "alarms until it is resumed.",
                    False,
                    "AZRebalance only evens out zones; scale out depends on Launch and "
                    "AlarmNotification.",
                ),
                Option(
                    "With AddToLoadBalancer suspended, new instances launch but are not "
                    "registered with the load balancer.",
                    True,
                    "They run (and bill) without traffic until registered, even after the "
                    "process is resumed.",
                ),
                Option(
                    "Suspending AlarmNotification deletes the group's scaling policies and "
                    "their CloudWatch alarms.",
                    False,
                    "It only stops the policies from acting; policies and alarms stay and act "
                    "again on resume.",
                ),
            ),
            multi=True,
        ),
        Question(
            id="asg-health-checks",
            prompt=(
                "Which statements about the health checks of an Auto Scaling group are "
                "correct? Choose two."
            ),
            options=(
                Option(
                    "The EC2 status check can be turned off when ELB health checks are used.",
                    False,
                    "EC2 health checks are always on; other types are added to them.",
                ),
                Option(
                    "To replace instances that fail the load balancer's health checks, the "
                    "group's ELB health check type must be turned on.",
                    True,
                    "By default only EC2 status checks count; ELB checks count once enabled.",
                ),
                Option(
                    "An unhealthy instance is rebooted by the group before it is replaced.",
                    False,
                    "The group terminates an unhealthy instance and launches a new one.",
                ),
                Option(
                    f"The grace period defaults to {_GRACE_CONSOLE} seconds in the console but "
                    f"to {_GRACE_API} seconds through the CLI and SDKs.",
                    True,
                    "Groups created by code start health checks at once unless you set it.",
                ),
            ),
            multi=True,
        ),
        Question(
            id="asg-target-value",
            prompt=(
                "A study guide says target utilisation for an Auto Scaling group should be "
                "between 40% and 70%. What does AWS's documentation say about the target "
                "value of a target tracking policy on CPU?"
            ),
            options=(
                Option(
                    "Targets below 40% are rejected by the API because they waste capacity.",
                    False,
                    "Any target value is accepted; a low one just keeps more spare capacity.",
                ),
                Option(
                    "It must lie between 40% and 70% or target tracking will not converge.",
                    False,
                    "There is no such rule: the range is a course heuristic.",
                ),
                Option(
                    "The value must equal the high threshold of the group's step scaling "
                    "alarm so that the two policies do not conflict.",
                    False,
                    "Target tracking creates and manages its own alarms; no link is needed.",
                ),
                Option(
                    f"It is your choice; AWS's example uses about {_CPU_EXAMPLE}% to leave "
                    "headroom for spikes.",
                    True,
                    "The target trades idle capacity against headroom; AWS gives an example, "
                    "not a required range.",
                ),
            ),
        ),
        Question(
            id="asg-termination-default",
            prompt=(
                "An Auto Scaling group with the default termination policy has four "
                "instances in us-east-1a, three in us-east-1b and three in us-east-1c, none "
                "protected. It scales in by one. What does the group consider first?"
            ),
            options=(
                Option(
                    "The Availability Zone with the most instances: the instance will come "
                    "from us-east-1a.",
                    True,
                    "Zone balance comes before every termination policy criterion.",
                ),
                Option(
                    "The oldest instance in the whole group, wherever it runs.",
                    False,
                    "OldestInstance is a separate policy, and zone balance comes first anyway.",
                ),
                Option(
                    "The instance closest to the next billing hour in any zone.",
                    False,
                    "That criterion is applied late, within the unbalanced zone only.",
                ),
                Option(
                    "A random instance, because all instances use the same launch template "
                    "version and nothing else distinguishes them.",
                    False,
                    "Random choice is the last tie-breaker, after zone balance and the other "
                    "criteria.",
                ),
            ),
        ),
        Question(
            id="asg-cooldown",
            prompt=(
                f"A group's default cooldown is {_COOLDOWN} seconds. Which policies wait for "
                "it before scaling again?"
            ),
            options=(
                Option(
                    "Target tracking and step scaling policies only.",
                    False,
                    "Those use the instance warmup instead and can scale out at once.",
                ),
                Option(
                    "Simple scaling policies only.",
                    True,
                    "The cooldown applies to simple scaling; AWS recommends target tracking "
                    "or step scaling instead.",
                ),
                Option(
                    "Every policy and every scheduled action of the group, including the "
                    "replacement of unhealthy instances.",
                    False,
                    "Scheduled actions and replacements of unhealthy instances do not wait "
                    "for a cooldown.",
                ),
                Option(
                    "Predictive scaling policies only, between two forecasts.",
                    False,
                    "Predictive scaling has no cooldown: it follows its hourly forecast.",
                ),
            ),
        ),
        Question(
            id="asg-predictive-forecast-only",
            prompt=(
                "A SaaS company wants to try predictive scaling on an Auto Scaling group that "
                "already scales well with target tracking. The group has run for three "
                "weeks and serves customers in Europe and North America, so its load follows "
                "two overlapping daily peaks. The operations lead wants to compare the "
                "forecasts with actual load "
                "for a week before predictive scaling is allowed to change capacity, without "
                "building any tooling and without touching the existing policy. Which "
                "approach is the MOST operationally efficient?"
            ),
            options=(
                Option(
                    "Create the predictive scaling policy in forecast only mode, review its "
                    "forecasts against actual load, then switch it to forecast and scale.",
                    True,
                    f"Forecast only computes the {_FORECAST_HOURS}-hour forecast without "
                    f"acting; it needs {_HISTORY_HOURS} hours of data, which the group has.",
                ),
                Option(
                    "Export a week of CPU metrics to Amazon S3 and train a forecasting model "
                    "in Amazon SageMaker to compare with actual load.",
                    False,
                    "That is the tooling the lead wants to avoid; predictive scaling already "
                    "shows its forecasts.",
                ),
                Option(
                    "Create the predictive policy in forecast and scale mode on a copy of the "
                    "group that receives no traffic.",
                    False,
                    "A copy with no traffic has no load history for the forecast to learn.",
                ),
                Option(
                    "Replace target tracking with predictive scaling for a week and watch for "
                    "errors before deciding.",
                    False,
                    "It changes capacity at once and removes the working policy, both ruled out.",
                ),
            ),
        ),
        Question(
            id="asg-scheduled",
            prompt=(
                "Every weekday at exactly 08:00 UTC a reporting job sends a burst of requests "
                "to an internal API running on an Auto Scaling group; outside that burst the "
                "load is small and irregular and is handled well by a target tracking policy. "
                "Instances take ten minutes to launch, so the first reports of each day time "
                "out. The burst needs 20 instances for about 30 minutes, and the rest of the "
                "day rarely needs more than three. Which solution is "
                "the MOST cost-effective way to stop the timeouts?"
            ),
            options=(
                Option(
                    "Raise the group's minimum size to 20 instances for the whole working day.",
                    False,
                    "It pays for 20 instances all day for a burst of half an hour.",
                ),
                Option(
                    "Lower the target tracking target to 20% CPU so that the group already "
                    "runs more instances when the burst starts.",
                    False,
                    "It keeps extra capacity all day and still may not reach 20 instances.",
                ),
                Option(
                    "Add a warm pool of 20 instances kept in the Running state.",
                    False,
                    "Running warm instances bill like running instances around the clock.",
                ),
                Option(
                    "A weekday scheduled action at 07:45 that raises the minimum to 20, and "
                    "another at 08:45 that lowers it again.",
                    True,
                    "The burst is known to the minute: capacity arrives before it and leaves "
                    "after it, and target tracking handles the rest of the day.",
                ),
            ),
        ),
        Question(
            id="asg-mixed-template",
            prompt=(
                "A company created in 2025 wants one Auto Scaling group with an On-Demand "
                "base of four instances and Spot Instances of several types above it. Which "
                "configuration does the group need?"
            ),
            options=(
                Option(
                    "A launch configuration for each instance type, attached to the group "
                    "with a Spot price per launch configuration.",
                    False,
                    "A group takes one launch configuration, with no mixed instances policy, "
                    "and new accounts cannot create them at all.",
                ),
                Option(
                    "Two groups behind one load balancer, one On-Demand and one Spot.",
                    False,
                    "It works but is not one group, and the split must be managed by hand.",
                ),
                Option(
                    "A launch template and a mixed instances policy with the instance types "
                    "and an On-Demand base capacity of four.",
                    True,
                    "Mixed instances groups need a launch template; the policy sets the "
                    "types, the base and the Spot share above it.",
                ),
                Option(
                    "A Spot Fleet request that the group uses as its capacity source.",
                    False,
                    "Groups do not take capacity from a Spot Fleet; they launch themselves.",
                ),
            ),
        ),
    ]
)
