"""Scenario questions for the ECS and Fargate topic (course notebook 04).

Authored to the exam's standard (``aws_compute_course.quiz.bank_problems``): correct answers
spread over the positions, most prompts multi-constraint scenarios with a qualifier, two
choose-two questions. The course shows each learner the options in their own shuffled order.
"""

from aws_compute_course import facts
from aws_compute_course.quiz import Option, Question, validate_bank
from aws_compute_course.topics.ecs_fargate.fargate import FARGATE_SIZES

_NOTICE = facts.integer("ecs_fargate.fargate_spot_notice_minutes")
_STOP_MAX = facts.integer("ecs_fargate.stop_timeout_max_seconds")
_SPOT_OFF = facts.integer("ecs_fargate.fargate_spot_discount_max_percent")
_DYNAMIC_MODE = facts.text("ecs_fargate.dynamic_port_network_mode")
_FARGATE_MODE = facts.text("ecs_fargate.fargate_network_mode")
_MIN_HEALTHY = facts.integer("ecs_fargate.minimum_healthy_percent_default")
_MAX_PERCENT = facts.integer("ecs_fargate.maximum_percent_default")
_EPHEMERAL_MAX = facts.integer("ecs_fargate.fargate_ephemeral_max_gib")
_VCPU_MAX = facts.integer("ecs_fargate.fargate_vcpu_max")
_MEMORY_MAX = facts.integer("ecs_fargate.fargate_memory_max_gb")
_CPU_VALUES = ", ".join(f"{cpu / 1024:g}" for cpu in FARGATE_SIZES)

QUESTIONS: tuple[Question, ...] = validate_bank(
    [
        Question(
            id="ecs-eks",
            prompt=(
                "A new architect reads older study notes that describe Amazon EKS as one of the "
                "parts of Amazon ECS. Which statement is correct today?"
            ),
            options=(
                Option(
                    "EKS is ECS's Kubernetes mode: an ECS cluster switches to EKS when its task "
                    "definitions use Kubernetes manifests.",
                    False,
                    "There is no such mode: ECS task definitions and Kubernetes manifests "
                    "belong to two different services with their own control planes.",
                ),
                Option(
                    "EKS is a separate managed Kubernetes service; Fargate can run ECS tasks "
                    "and EKS pods.",
                    True,
                    "Right: ECS and EKS are two orchestrators; Fargate is serverless capacity "
                    "that both can use.",
                ),
                Option(
                    "EKS replaced ECS in 2023; new container workloads on AWS must use "
                    "Kubernetes APIs and existing ECS clusters are migrated.",
                    False,
                    "ECS is actively developed (capacity providers, Service Connect, native "
                    "blue/green); nothing forces a move to Kubernetes.",
                ),
                Option(
                    "EKS is the registry part of ECS, where the task definitions and container "
                    "images of a cluster are stored between deployments.",
                    False,
                    "The registry is Amazon ECR, and task definitions are stored by ECS "
                    "itself; EKS runs Kubernetes clusters.",
                ),
            ),
        ),
        Question(
            id="ecs-dynamic-ports",
            prompt=(
                "A company moves a legacy Java web application into a container that listens "
                "on port 8080. It will run on an existing ECS cluster of EC2 instances behind "
                "an Application Load Balancer. To use the instances well, the team wants up to "
                "eight copies of the task on each instance, and each new copy must register "
                "with the load balancer automatically. The instance type supports only two "
                "network interfaces besides the primary one, and the security team has not "
                "approved turning on ENI trunking for the account. The application itself must "
                "not change. Which task definition setting meets these requirements with the "
                "LEAST operational overhead?"
            ),
            options=(
                Option(
                    "The host network mode with a host port of 8080, so that each container is "
                    "reachable on the instance's own address and the ALB can reach it directly.",
                    False,
                    "In host mode a host port can be used by one task per instance: a second "
                    "copy on the same instance cannot bind 8080.",
                ),
                Option(
                    "The awsvpc network mode with an ALB target group of type ip, one elastic "
                    "network interface and private address for every copy of the task.",
                    False,
                    "awsvpc gives each task its own ENI; with two spare interfaces and no "
                    "trunking only two copies fit per instance, not eight.",
                ),
                Option(
                    f"The {_DYNAMIC_MODE} network mode with container port 8080 and no host "
                    "port, registered in an instance-type target group.",
                    True,
                    "Dynamic host port mapping: each copy gets a free ephemeral host port and "
                    "the service registers instance and port, so many copies share one instance.",
                ),
                Option(
                    "The bridge network mode with host port 8080 for every copy, and one ALB "
                    "listener rule per instance to send each request to the right container.",
                    False,
                    "A static host port still allows one copy per instance, and per-instance "
                    "listener rules are manual work the dynamic mapping avoids.",
                ),
            ),
        ),
        Question(
            id="ecs-execution-role",
            prompt=(
                "A team deploys its first service on AWS Fargate. The task definition pulls "
                "the image from a private Amazon ECR repository in the same account and sends "
                "logs to CloudWatch Logs with the awslogs driver. The tasks stop at once with "
                "CannotPullContainerError (access denied), and no log stream appears. The task "
                "definition has a task role that lets the application read one S3 bucket, and "
                "no other role. The security team insists that the application code inside the "
                "containers gets no more permissions than it has today. Which change is the "
                "MOST secure way to make the tasks start?"
            ),
            options=(
                Option(
                    "Add a task execution role with the AmazonECSTaskExecutionRolePolicy "
                    "managed policy (ECR pull and CloudWatch Logs) to the task definition.",
                    True,
                    "The agent pulls images and ships logs with the task execution role; the "
                    "application never sees those credentials, so its permissions stay the same.",
                ),
                Option(
                    "Add the ECR read and CloudWatch Logs write permissions to the existing "
                    "task role, which the task already assumes when it starts on Fargate.",
                    False,
                    "The task role is for the application's own calls, not for the agent's "
                    "pull, and adding them would widen what the code can do.",
                ),
                Option(
                    "Make the ECR repository public so that Fargate can pull the image "
                    "anonymously, and send the logs to a public S3 bucket instead.",
                    False,
                    "It exposes the image and the logs to everyone: the least secure option, "
                    "and needless when an execution role solves it.",
                ),
                Option(
                    "Attach AmazonEC2ContainerServiceforEC2Role to the container instance role "
                    "of the cluster's instances, which Fargate uses to pull images.",
                    False,
                    "Fargate tasks run on no container instances of yours: there is no "
                    "instance role for the Fargate agent to use.",
                ),
            ),
        ),
        Question(
            id="ecs-network-modes",
            prompt="Which two statements about ECS task networking are true? Choose two.",
            multi=True,
            options=(
                Option(
                    "In the host network mode, several copies of a task with the same "
                    "container port run on one instance, each on its own port.",
                    False,
                    "host mode maps the container port straight onto the instance: only one "
                    "task per instance can hold that port.",
                ),
                Option(
                    f"Tasks on Fargate must use the {_FARGATE_MODE} network mode.",
                    True,
                    "Right: every Fargate task gets its own ENI, so awsvpc is the only mode.",
                ),
                Option(
                    "In the awsvpc network mode, tasks share the security groups of the "
                    "instance's primary network interface and cannot have their own.",
                    False,
                    "The opposite: awsvpc gives each task its own ENI with its own security "
                    "groups, which is its main security benefit.",
                ),
                Option(
                    f"Dynamic host port mapping works in the {_DYNAMIC_MODE} network mode only.",
                    True,
                    "Right: in host and awsvpc modes the host port equals the container port.",
                ),
            ),
        ),
        Question(
            id="ecs-fargate-size",
            prompt=(
                "A reporting service is moving from an on-premises VM to AWS Fargate. Load tests "
                "show it needs 6 GB of memory to hold its in-memory cache, and it never uses "
                "more than half a vCPU, even at peak. It runs 24 hours a day as four tasks "
                "behind an Application Load Balancer, on Linux and x86. Finance asks for the "
                "smallest bill, and the team does not want to change the code to shrink the "
                "cache. The team first tried 0.5 vCPU with 6 GB, and RegisterTaskDefinition "
                "refused it. Which task size is the MOST cost-effective valid choice?"
            ),
            options=(
                Option(
                    "0.5 vCPU with 4 GB of memory, the largest memory 0.5 vCPU allows, and a "
                    "swap file on ephemeral storage for the rest of the cache.",
                    False,
                    "The cache needs 6 GB of memory; squeezing it into 4 GB with swap on "
                    "ephemeral storage slows it and changes how it behaves.",
                ),
                Option(
                    "2 vCPU with 6 GB, because Fargate needs one vCPU for every three GB of "
                    "memory in a task definition that runs on Linux.",
                    False,
                    "There is no such ratio; 2 vCPU is valid but doubles the vCPU charge "
                    "compared with 1 vCPU and 6 GB.",
                ),
                Option(
                    "1 vCPU with 6 GB of memory, the smallest CPU value whose memory range "
                    "includes 6 GB.",
                    True,
                    "1 vCPU allows 2 to 8 GB in 1 GB steps: 6 GB fits, at the lowest vCPU "
                    "charge that does.",
                ),
                Option(
                    "4 vCPU with 8 GB, because a task with more than 4 GB of memory is "
                    "rounded up to the 4 vCPU size class and billed as such.",
                    False,
                    "Fargate bills exactly the vCPU and memory you choose; nothing rounds up "
                    "to 4 vCPU, which would cost far more.",
                ),
            ),
        ),
        Question(
            id="ecs-secrets-and-task-role",
            prompt=(
                "An ECS service on Fargate reads files from an S3 bucket and connects to a "
                "database whose password is in AWS Secrets Manager. The security team wants the "
                "password kept out of the task definition and the image, and each service to "
                "have only the permissions it needs. Which two steps meet these requirements "
                "in the MOST secure way? Choose two."
            ),
            multi=True,
            options=(
                Option(
                    "Reference the secret's ARN in the container definition's secrets, and let "
                    "the task execution role read that one secret.",
                    True,
                    "The agent fetches the secret at start with the execution role and injects "
                    "it as an environment variable; it never sits in the task definition.",
                ),
                Option(
                    "Put the password in the container definition's environment section and "
                    "restrict who can call DescribeTaskDefinition on the account.",
                    False,
                    "Plain environment values are stored in the task definition in clear text, "
                    "visible to anyone who can describe it.",
                ),
                Option(
                    "Grant s3:GetObject on the bucket to the task role that the service's task "
                    "definition names.",
                    True,
                    "The task role is what the application's code uses: least privilege, per "
                    "service.",
                ),
                Option(
                    "Grant s3:GetObject on the bucket to the cluster's container instance role "
                    "so that every task in the cluster can read the files it needs.",
                    False,
                    "Fargate has no container instances, and on EC2 that would give every task "
                    "on the instance the permission, not just this service.",
                ),
            ),
        ),
        Question(
            id="ecs-capacity-base",
            prompt=(
                "A ticketing API runs as an ECS service on Fargate with Linux x86 tasks. It "
                "scales between 4 and 40 tasks with service auto scaling. The API tolerates "
                "losing tasks, but the business requires that at least four tasks always run on "
                "capacity that cannot be reclaimed, whatever the desired count. Above those "
                "four, the company wants the lowest possible price, and it accepts that some of "
                "those extra tasks may be interrupted at times. The team does not want to "
                "manage any EC2 instances. Which capacity provider strategy is the MOST "
                "cost-effective?"
            ),
            options=(
                Option(
                    "FARGATE with weight 1 and FARGATE_SPOT with weight 4 and no base, so that "
                    "one task in five always runs on regular Fargate capacity.",
                    False,
                    "Weights give shares, not a floor: at 4 tasks only one lands on FARGATE, "
                    "below the four the business requires.",
                ),
                Option(
                    "FARGATE_SPOT with a base of 4, and FARGATE with weight 1 for every task "
                    "above the base so that interruptions only touch the extra tasks.",
                    False,
                    "It puts the guaranteed four on the reclaimable provider and pays full "
                    "price for the rest: the reverse of what is asked.",
                ),
                Option(
                    "FARGATE_SPOT with weight 1, and an Auto Scaling group capacity provider of "
                    "On-Demand instances with a base of 4 in the same strategy.",
                    False,
                    "A strategy cannot mix Fargate and Auto Scaling group providers, and the "
                    "team does not want to manage instances.",
                ),
                Option(
                    "FARGATE with a base of 4 and weight 0, and FARGATE_SPOT with weight 1.",
                    True,
                    "The base places the first four on FARGATE; every task above it goes to "
                    "FARGATE_SPOT, the cheapest capacity.",
                ),
            ),
        ),
        Question(
            id="ecs-spot-reclaim",
            prompt=(
                "What happens to a running FARGATE_SPOT task of an ECS service when AWS needs "
                "the capacity back?"
            ),
            options=(
                Option(
                    f"It gets a {_NOTICE}-minute warning (an EventBridge task state change and "
                    "SIGTERM), then stops; the service asks for a replacement.",
                    True,
                    "Right: use the warning to drain and exit, with a stopTimeout of at most "
                    f"{_STOP_MAX} seconds.",
                ),
                Option(
                    "It is live-migrated to regular FARGATE capacity without a restart, and the "
                    "service is billed the regular Fargate price from then on.",
                    False,
                    "Fargate does not migrate tasks; an interrupted task stops and a new one "
                    "has to start.",
                ),
                Option(
                    "It is hibernated with its memory saved to ephemeral storage and resumes in "
                    "the same place once Spot capacity is available again.",
                    False,
                    "Hibernation is an EC2 Spot interruption behaviour; Fargate Spot tasks are "
                    "stopped.",
                ),
                Option(
                    "It stops at once without any notice, because the discount of Fargate Spot "
                    "is paid for with the loss of the interruption warning.",
                    False,
                    f"Fargate Spot does give a {_NOTICE}-minute warning, like EC2 Spot.",
                ),
            ),
        ),
        Question(
            id="ecs-spot-arm",
            prompt=(
                "A company runs its web tier as an ECS service on Fargate with ARM64 (Graviton) "
                "tasks, which gave it better price-performance than x86. It now adds a nightly "
                "batch job of several hundred short, independent tasks that can be retried "
                "when they are interrupted. The batch code is a Python script whose container "
                f"image is built for both architectures. Fargate Spot promises up to {_SPOT_OFF}% "
                "off. The team wants no servers to manage. Which option runs the batch job in "
                "the MOST cost-effective way?"
            ),
            options=(
                Option(
                    "Run the batch tasks as ARM64 tasks on FARGATE_SPOT, so that they benefit "
                    "from both the Graviton price and the Spot discount together.",
                    False,
                    "Fargate Spot runs Linux X86_64 tasks only: ARM64 tasks cannot use the "
                    "FARGATE_SPOT capacity provider.",
                ),
                Option(
                    "Run the batch tasks as ARM64 tasks on regular FARGATE capacity, exactly "
                    "like the web tier, and schedule them for the cheapest hours of the night.",
                    False,
                    "Fargate's price does not change by the hour, and this leaves the Spot "
                    "discount unused for interruptible work.",
                ),
                Option(
                    "Run the batch tasks as x86_64 tasks on FARGATE_SPOT, and keep the web tier "
                    "on ARM64 Fargate.",
                    True,
                    "The multi-arch image runs as x86_64, which Fargate Spot supports; "
                    "retryable batch work is what Spot is for.",
                ),
                Option(
                    "Run the batch tasks on an ECS cluster of Graviton EC2 Spot Instances in an "
                    "Auto Scaling group capacity provider with managed scaling.",
                    False,
                    "It can be cheap, but it brings back instances to manage, which the team "
                    "rules out.",
                ),
            ),
        ),
        Question(
            id="ecs-placement-chain",
            prompt=(
                "An ECS service runs on a cluster of EC2 instances spread over three "
                "Availability Zones. The service must survive the loss of a zone, so its tasks "
                "have to be balanced across the zones. Within each zone, finance wants the "
                "tasks packed onto as few instances as possible so that the cluster's managed "
                "scaling can remove the instances left empty. The tasks are memory-bound. The "
                "team wants to use only ECS's own placement features, with no custom scheduler. "
                "Which placement configuration is the MOST cost-effective that meets the "
                "availability requirement?"
            ),
            options=(
                Option(
                    "binpack on memory first, then spread on attribute:ecs.availability-zone, "
                    "so that instances fill up before the zones are considered.",
                    False,
                    "Strategies apply in order: binpack first fills one instance in one zone, "
                    "and the spread that follows cannot undo it.",
                ),
                Option(
                    "The distinctInstance constraint with the random strategy, so that every "
                    "task lands on a different instance and the zones even out over time.",
                    False,
                    "One task per instance is the opposite of packing, and random gives no "
                    "guarantee of balance across zones.",
                ),
                Option(
                    "spread on attribute:ecs.availability-zone first, then binpack on memory.",
                    True,
                    "Spread first balances the zones; binpack then picks, inside the chosen "
                    "zone, the instance with the least memory left.",
                ),
                Option(
                    "spread on instanceId only, which places each task on the instance that "
                    "runs the fewest tasks of the service at that moment.",
                    False,
                    "It balances instances, not zones, and uses every instance, leaving none "
                    "empty for managed scaling to remove.",
                ),
            ),
        ),
        Question(
            id="ecs-managed-scaling",
            prompt=(
                "An ECS service on EC2 scales its task count with target tracking on CPU. "
                "During peaks, new tasks stay in PROVISIONING and service events say no "
                "container instance has enough memory, because the cluster's Auto Scaling group "
                "scales on its own CPU alarm and adds instances too late. After peaks, "
                "instances that still run a few tasks are terminated, which kills those tasks. "
                "The team wants the cluster's capacity to follow the tasks automatically, and "
                "it wants to write and maintain as little as possible. Which solution has the "
                "LEAST operational overhead?"
            ),
            options=(
                Option(
                    "Create a Lambda function that reads pending tasks every minute and calls "
                    "SetDesiredCapacity on the group, plus a lifecycle hook that drains tasks.",
                    False,
                    "It works, but it is custom code to write and run; ECS does this "
                    "itself with capacity providers.",
                ),
                Option(
                    "Use an Auto Scaling group capacity provider with managed scaling and "
                    "managed termination protection, as the service's strategy.",
                    True,
                    "ECS scales the group to fit the tasks (target capacity), and protects "
                    "instances that run tasks from scale-in.",
                ),
                Option(
                    "Replace the group's CPU policy with a step scaling policy on the cluster's "
                    "MemoryReservation metric, with larger steps during business hours.",
                    False,
                    "Better-tuned alarms still react after tasks fail to place, and scale-in "
                    "still terminates instances that run tasks.",
                ),
                Option(
                    "Give the Auto Scaling group a scheduled action that doubles its size every "
                    "weekday morning and halves it again in the evening, with a larger minimum.",
                    False,
                    "A schedule guesses at demand: it pays for idle instances and still "
                    "misses peaks outside the schedule.",
                ),
            ),
        ),
        Question(
            id="ecs-circuit-breaker",
            prompt=(
                "A team deploys a new revision of an ECS service with the rolling update "
                "deployment type several times a day. Last week a revision with a bad "
                "configuration kept failing its health checks: ECS kept launching and stopping "
                "tasks for hours, and an engineer had to roll back by hand at night. The team "
                "wants a failed deployment to stop and return to the last working revision "
                "automatically. It does not want to change its deployment type, its load "
                "balancer setup or its pipeline. Which solution requires the LEAST development "
                "effort?"
            ),
            options=(
                Option(
                    "Create an EventBridge rule on service deployment events that starts a Step "
                    "Functions workflow to find the previous task definition and redeploy it.",
                    False,
                    "Custom orchestration to build and maintain, doing what the circuit "
                    "breaker already does.",
                ),
                Option(
                    "Switch the service to CodeDeploy blue/green deployments with a second "
                    "target group and a test listener on the load balancer.",
                    False,
                    "It changes the deployment type and the load balancer setup, both ruled "
                    "out, for a need the rolling type already covers.",
                ),
                Option(
                    "Set minimumHealthyPercent to 0 so that ECS stops all old tasks first and "
                    "the failure shows up at once instead of hours later.",
                    False,
                    "That only takes the service down during deployments; nothing rolls back.",
                ),
                Option(
                    "Turn on the deployment circuit breaker with rollback in the service's "
                    "deployment configuration.",
                    True,
                    "The breaker marks the deployment failed after a threshold of failed tasks "
                    "and rolls back to the last completed deployment.",
                ),
            ),
        ),
        Question(
            id="ecs-rolling-percent",
            prompt=(
                "An ECS service runs 8 tasks on a cluster of four EC2 instances that is sized "
                "exactly for those tasks, with no room for more. The service tolerates running "
                "at half capacity for a few minutes at night, when deployments happen. The "
                "company does not want to add instances, even temporarily, during deployments. "
                f"With the defaults (minimum healthy {_MIN_HEALTHY}%, maximum {_MAX_PERCENT}%), "
                "new tasks stay pending and deployments never finish. Which deployment "
                "configuration is the LEAST expensive way to make deployments complete?"
            ),
            options=(
                Option(
                    "minimumHealthyPercent 50 and maximumPercent 100.",
                    True,
                    "ECS may stop four old tasks first and start four new ones in the freed "
                    "space, never exceeding eight tasks.",
                ),
                Option(
                    "minimumHealthyPercent 100 and maximumPercent 150, so that four new tasks "
                    "start before any old task stops and the service never loses capacity.",
                    False,
                    "Starting four extra tasks needs room the cluster does not have, so they "
                    "stay pending as before.",
                ),
                Option(
                    "Keep the defaults and add a capacity provider that launches four extra "
                    "instances for every deployment, then removes them afterwards.",
                    False,
                    "It adds instances during deployments, which the company ruled out, and "
                    "costs more.",
                ),
                Option(
                    "minimumHealthyPercent 0 and maximumPercent 200, so that ECS may stop every "
                    "old task at once and start all eight new tasks in one batch.",
                    False,
                    "It may take the whole service down, more than the half capacity it tolerates.",
                ),
            ),
        ),
        Question(
            id="ecs-fargate-vs-ec2",
            prompt=(
                "Which two statements about the cost of ECS on Fargate and on EC2 are true? "
                "Choose two."
            ),
            multi=True,
            options=(
                Option(
                    "Fargate always costs more than EC2 for the same vCPU and memory, so EC2 is "
                    "the cheaper choice for every workload, whatever its shape.",
                    False,
                    "EC2 bills whole instances however empty; poorly packed or bursty work "
                    "often costs less on Fargate.",
                ),
                Option(
                    "Fargate bills the vCPU and memory a task requests, per second, while it runs.",
                    True,
                    "Right: from the image pull until the task stops, for the size you chose.",
                ),
                Option(
                    "Compute Savings Plans cover EC2 instances only; Fargate usage can be "
                    "discounted by Reserved Instances bought for the Fargate capacity type.",
                    False,
                    "Compute Savings Plans cover Fargate too, and there are no Reserved "
                    "Instances for Fargate.",
                ),
                Option(
                    "EC2 is cheaper than Fargate only when the instances are kept well packed "
                    "with tasks.",
                    True,
                    "Right: empty task slots on an instance are paid for; the break-even "
                    "depends on the packing.",
                ),
            ),
        ),
        Question(
            id="ecs-bursty-fargate",
            prompt=(
                "A small start-up runs an image-processing service whose load is bursty: "
                "nothing for hours, then thousands of jobs within minutes after customers "
                "upload albums. Each job runs a container for about a minute and needs one "
                "vCPU and 2 GB of memory. The team of two developers has no operations staff "
                f"and does not want to patch or scale servers. Some jobs need up to "
                f"{_EPHEMERAL_MAX} GiB of scratch disk. Which solution is the MOST cost-effective "
                "with the LEAST operational overhead?"
            ),
            options=(
                Option(
                    "An ECS cluster of Reserved Instances sized for the peak, so that the "
                    "capacity is paid for at a discount and always ready for a burst.",
                    False,
                    "Reserved capacity sized for a peak sits idle for hours, and the team "
                    "would patch and scale instances.",
                ),
                Option(
                    "An ECS cluster on EC2 Spot Instances in an Auto Scaling group, with a "
                    "custom AMI that carries the scratch disk and the processing libraries.",
                    False,
                    "Cheap per hour, but instances, AMIs and scaling are operations work "
                    "the team cannot staff.",
                ),
                Option(
                    "ECS tasks on Fargate, started per job, with enlarged ephemeral storage for "
                    "the jobs that need it.",
                    True,
                    "Per-second billing only while jobs run, no servers, and ephemeral "
                    "storage up to the size the jobs need.",
                ),
                Option(
                    "Dedicated Hosts running the ECS agent, so that the company pays per host "
                    "instead of per task and can bring its own licences later.",
                    False,
                    "Dedicated Hosts are the most expensive way to idle and still need "
                    "servers managed.",
                ),
            ),
        ),
        Question(
            id="ecs-alb-requests",
            prompt=(
                "A REST API runs as an ECS service behind an Application Load Balancer. Its "
                "tasks spend most of their time waiting on a downstream database, so CPU stays "
                "below 30% even when latency climbs at busy times. Load tests show each task "
                "serves about 200 requests a minute well. The service uses target tracking on "
                "average CPU, which never scales out. The team wants the task count to follow "
                "the traffic without writing custom metrics code. Which scaling policy is the "
                "MOST operationally efficient?"
            ),
            options=(
                Option(
                    "Target tracking on ALBRequestCountPerTarget with a target of about 200 "
                    "requests per task.",
                    True,
                    "The predefined per-target request metric follows the traffic that drives "
                    "latency, with no custom code.",
                ),
                Option(
                    "Target tracking on ECSServiceAverageCPUUtilization with the target lowered "
                    "to 10%, so that the low CPU figures trigger a scale-out sooner.",
                    False,
                    "CPU barely moves with load here, so a lower target scales erratically and "
                    "wastes tasks at quiet times.",
                ),
                Option(
                    "A target tracking policy on the cluster's EC2 Auto Scaling group, so that "
                    "more instances give the service more room to grow when it is busy.",
                    False,
                    "Instances do not change the service's desired count: service scaling is "
                    "not EC2 Auto Scaling.",
                ),
                Option(
                    "A custom CloudWatch metric of requests per task, published every minute "
                    "by a Lambda function, with step scaling on alarms around it.",
                    False,
                    "It rebuilds a metric ECS already offers, with code to write and maintain.",
                ),
            ),
        ),
        Question(
            id="ecs-fargate-largest",
            prompt=(
                "An analytics team wants to run a single-container job on AWS Fargate that "
                "needs 12 vCPUs and 100 GB of memory for an in-memory join. The job runs once a "
                "day for an hour, on Linux. Which statement is correct?"
            ),
            options=(
                Option(
                    "It cannot run on Fargate, which stops at 4 vCPU and 30 GB per task, so "
                    "the team needs an EC2 instance for the job.",
                    False,
                    f"That was the limit years ago; Fargate now offers up to {_VCPU_MAX} vCPU "
                    f"and {_MEMORY_MAX} GB.",
                    obsolete=True,
                ),
                Option(
                    f"Use a {_VCPU_MAX} vCPU task with 104 GB or more, on Linux platform "
                    "version 1.4.0 or later.",
                    True,
                    f"{_VCPU_MAX} vCPU allows 32 to {_MEMORY_MAX} GB in 8 GB steps; 12 vCPU is "
                    "not a size, so the next size up is chosen.",
                ),
                Option(
                    "Use a 12 vCPU task with 100 GB, because Fargate accepts any whole number "
                    "of vCPUs between 1 and 16 with up to 8 GB per vCPU.",
                    False,
                    f"Fargate offers a fixed list of CPU values ({_CPU_VALUES} vCPU); 12 is "
                    "not one of them.",
                ),
                Option(
                    "Split the job into three Fargate tasks of 4 vCPU and 30 GB each, because a "
                    "single task can never exceed the memory of one 4 vCPU size class.",
                    False,
                    "The join needs the memory in one process; and a single task can be far "
                    "larger than 4 vCPU today.",
                ),
            ),
        ),
    ]
)
