terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "endpoint" {
  type = string
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "data_size" {
  type    = number
  default = 8
}

variable "app_type" {
  type    = string
  default = "t3.micro"
}

provider "aws" {
  region                      = var.region
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  endpoints {
    ec2 = var.endpoint
    sts = var.endpoint
  }
}

data "aws_availability_zones" "zones" {
  state = "available"
}

data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}

resource "aws_vpc" "main" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name = "main"
  }
}

resource "aws_subnet" "public_a" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.20.1.0/24"
  availability_zone       = data.aws_availability_zones.zones.names[0]
  map_public_ip_on_launch = true
  tags = {
    Name = "public-a"
  }
}

resource "aws_subnet" "public_b" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.20.2.0/24"
  availability_zone       = data.aws_availability_zones.zones.names[1]
  map_public_ip_on_launch = true
  tags = {
    Name = "public-b"
  }
}

resource "aws_subnet" "private" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.10.0/24"
  availability_zone = data.aws_availability_zones.zones.names[2]
  tags = {
    Name = "private"
  }
}

resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
  tags = {
    Name = "main"
  }
}

resource "aws_eip" "nat" {
  domain = "vpc"
}

resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public_a.id
  tags = {
    Name = "nat"
  }
  depends_on = [aws_internet_gateway.gw]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
  tags = {
    Name = "public"
  }
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat.id
  }
  tags = {
    Name = "private"
  }
}

resource "aws_route_table_association" "public_a" {
  subnet_id      = aws_subnet.public_a.id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "public_b" {
  subnet_id      = aws_subnet.public_b.id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}

resource "aws_security_group" "lb" {
  name        = "lb"
  description = "load balancer"
  vpc_id      = aws_vpc.main.id
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "application servers"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "lb_https" {
  security_group_id = aws_security_group.lb.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "app_from_lb" {
  security_group_id            = aws_security_group.app.id
  referenced_security_group_id = aws_security_group.lb.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
}

resource "aws_vpc_security_group_ingress_rule" "lb_from_app" {
  security_group_id            = aws_security_group.lb.id
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 9000
  to_port                      = 9000
}

resource "aws_vpc_security_group_egress_rule" "app_all" {
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_launch_template" "app" {
  name                   = "app"
  image_id               = data.aws_ami.al2023.id
  instance_type          = var.app_type
  vpc_security_group_ids = [aws_security_group.app.id]
  update_default_version = true
  user_data              = base64encode("#!/bin/sh\necho hello > /tmp/hello\n")
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
  tag_specifications {
    resource_type = "instance"
    tags = {
      Role = "app"
    }
  }
  tag_specifications {
    resource_type = "volume"
    tags = {
      Role = "app"
    }
  }
}

resource "aws_instance" "app_a" {
  subnet_id = aws_subnet.public_a.id
  launch_template {
    id      = aws_launch_template.app.id
    version = aws_launch_template.app.latest_version
  }
  tags = {
    Name = "app-a"
    Role = "app"
  }
  # The provider re-hashes the stored hash of user data that came from a launch template
  # (hashicorp/terraform-provider-aws#30825), against real EC2 as here.
  lifecycle {
    ignore_changes = [user_data]
  }
}

resource "aws_instance" "app_b" {
  subnet_id = aws_subnet.public_b.id
  launch_template {
    id      = aws_launch_template.app.id
    version = aws_launch_template.app.latest_version
  }
  tags = {
    Name = "app-b"
    Role = "app"
  }
  # The provider re-hashes the stored hash of user data that came from a launch template
  # (hashicorp/terraform-provider-aws#30825), against real EC2 as here.
  lifecycle {
    ignore_changes = [user_data]
  }
}

resource "aws_network_interface" "extra" {
  subnet_id       = aws_subnet.public_a.id
  security_groups = [aws_security_group.app.id]
  description     = "extra"
}

resource "aws_network_interface_attachment" "extra" {
  instance_id          = aws_instance.app_a.id
  network_interface_id = aws_network_interface.extra.id
  device_index         = 1
}

resource "aws_eip" "app_b" {
  domain   = "vpc"
  instance = aws_instance.app_b.id
}

resource "aws_ebs_volume" "data" {
  availability_zone = aws_subnet.public_a.availability_zone
  size              = var.data_size
  type              = "gp3"
  encrypted         = true
  tags = {
    Name = "data"
  }
}

resource "aws_volume_attachment" "data" {
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.data.id
  instance_id = aws_instance.app_a.id
}

output "vpc_id" {
  value = aws_vpc.main.id
}

output "app_a" {
  value = aws_instance.app_a.id
}

output "app_b" {
  value = aws_instance.app_b.id
}

output "template_version" {
  value = aws_launch_template.app.latest_version
}
